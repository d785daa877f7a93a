"""Push people to Moodle: link accounts, create the rest, update profiles, suspend archived."""
from bridge.modules.people.models import Person
from sync.exceptions import MoodleWSError
from sync.jobs.accounts import match_accounts, new_account, profile_changes, username_for
from sync.jobs.run import no_progress, person_label
from sync.managers.base import chunked


def people_with_roles(db):
    """Return the people the sync manages: everyone holding at least one role."""
    query = db.select(Person).where(Person.role_links.any()).order_by(Person.id)
    return list(db.session.scalars(query))


def push_users(client, db, settings, options, run, progress=no_progress):
    """Give every active person with a role a Moodle account; suspend archived ones."""
    people = people_with_roles(db)
    progress("match accounts", 0, len(people))
    matches = match_accounts(client, people, run)
    link_accounts(people, matches, options, run)
    update_accounts(client, people, matches, settings, options, run)
    missing = [p for p in people if p.is_active and p.id not in matches
               and not _already_failed(run, p)]
    create_accounts(client, missing, settings, options, run, progress)
    progress("push users", len(people), len(people))


def _already_failed(run, person):
    """Tell whether matching recorded an error for this person (then do not create an account)."""
    label = person_label(person)
    return any(e["record"] == label for e in run.row.errors)


def link_accounts(people, matches, options, run):
    """Store the Moodle id of matched accounts."""
    for person in people:
        user = matches.get(person.id)
        if user is not None and person.moodle_user_id != user.id:
            run.count("linked")
            if not options.dry_run:
                person.moodle_user_id = user.id
    run.commit()


def update_accounts(client, people, matches, settings, options, run):
    """Update changed profiles, reactivate active people and suspend archived ones."""
    updates, labels = [], {}
    for person in people:
        user = matches.get(person.id)
        if user is None:
            continue
        change = profile_changes(person, user) if person.is_active else (
            {"id": user.id, "suspended": True} if not user.suspended else None)
        if change:
            run.count("updated" if person.is_active else "suspended")
            updates.append(change)
            labels[user.id] = person_label(person)
    if options.dry_run:
        return
    for chunk in chunked(updates, settings.batch_size):
        for warning in client.users.update(chunk):
            run.error(labels.get(warning.itemid, f"moodle user {warning.itemid}"),
                      warning.warningcode, warning.message)


def create_accounts(client, people, settings, options, run, progress=no_progress):
    """Create accounts in all-or-nothing chunks, isolating any record Moodle refuses."""
    done = 0
    for chunk in chunked(people, settings.batch_size):
        if options.dry_run:
            run.count("created", len(chunk))
        else:
            _create_chunk(client, chunk, settings, run, recover=True)
            run.commit()
        done += len(chunk)
        progress("create accounts", done, len(people))


def _create_chunk(client, chunk, settings, run, recover):
    """Create one chunk; on failure relink what exists, then split to find the bad record."""
    try:
        created = client.users.create([new_account(p, settings.auth) for p in chunk])
    except MoodleWSError as exc:
        if recover:
            chunk = _relink_existing(client, chunk, run)
        if len(chunk) == 1:
            _explain_failure(client, chunk[0], exc, run)
        elif chunk:
            half = len(chunk) // 2
            _create_chunk(client, chunk[:half], settings, run, recover=False)
            _create_chunk(client, chunk[half:], settings, run, recover=False)
        return
    for person in chunk:
        person.moodle_user_id = created[username_for(person)]
        run.count("created")


def _relink_existing(client, chunk, run):
    """Link accounts an earlier, interrupted attempt created; return the people still missing."""
    users = client.users.get_by_field("idnumber", [p.idnumber for p in chunk])
    found = {u.idnumber: u for u in users}
    for person in chunk:
        if person.idnumber in found:
            person.moodle_user_id = found[person.idnumber].id
            run.count("linked")
    return [p for p in chunk if p.idnumber not in found]


def _explain_failure(client, person, exc, run):
    """Link the account behind a refused create when it is this person's; else record the error."""
    users = client.users.search({"email": person.email})
    same = [u for u in users if u.email.lower() == person.email]
    if len(same) == 1 and same[0].idnumber in ("", person.idnumber):
        person.moodle_user_id = same[0].id
        run.count("linked")
        return
    reason = f"; Moodle account {same[0].id} already uses this email" if same else ""
    run.error(person_label(person), exc.errorcode, f"{exc}{reason}")
