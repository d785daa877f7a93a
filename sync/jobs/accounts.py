"""Find the Moodle account of each person: stored id first, then idnumber, then email."""
import re
from collections import defaultdict

from sync.jobs.run import person_label

INTERNAL_AUTHS = {"manual", "email"}


def username_for(person):
    """Return a person's Moodle username: the lowercase email, limited to allowed characters."""
    return re.sub(r"[^-.@_a-z0-9]", "_", person.email.lower())


def desired_profile(person):
    """Return the Moodle profile fields a person should have."""
    return {"firstname": person.first_name, "lastname": person.last_name, "email": person.email,
            "idnumber": person.idnumber, "department": person.department or ""}


def new_account(person, auth):
    """Return the core_user_create_users entry for a person."""
    entry = {"username": username_for(person), "auth": auth, **desired_profile(person)}
    if auth in INTERNAL_AUTHS:
        entry["createpassword"] = True
    return entry


def match_accounts(client, people, run):
    """Return {person.id: MoodleUser} for people whose account exists in Moodle."""
    matches, taken = {}, set()
    linked = [p for p in people if p.moodle_user_id]
    by_id = {u.id: u for u in client.users.get_by_field("id", [p.moodle_user_id for p in linked])}
    _claim(matches, taken, ((p, by_id.get(p.moodle_user_id)) for p in linked), run)
    rest = [p for p in people if p.id not in matches and p.is_active]
    found = client.users.get_by_field("idnumber", [p.idnumber for p in rest])
    by_idnumber = {u.idnumber: u for u in found}
    _claim(matches, taken, ((p, by_idnumber.get(p.idnumber)) for p in rest), run)
    rest = [p for p in rest if p.id not in matches]
    by_email = defaultdict(list)
    for user in client.users.get_by_field("email", [p.email for p in rest]):
        by_email[user.email.lower()].append(user)
    _claim(matches, taken, ((p, email_match(p, by_email[p.email], run)) for p in rest), run)
    return matches


def email_match(person, candidates, run):
    """Return the one account an email identifies, or None (recording why when it is ambiguous)."""
    if len(candidates) > 1:
        ids = ", ".join(str(u.id) for u in candidates)
        run.error(person_label(person), "ambiguousemail",
                  f"several Moodle accounts share the email ({ids})")
        return None
    if candidates and candidates[0].idnumber not in ("", person.idnumber):
        run.error(person_label(person), "idnumberconflict",
                  f"Moodle account {candidates[0].id} has this email but idnumber "
                  f"{candidates[0].idnumber!r}; link it by hand or clear its idnumber")
        return None
    return candidates[0] if candidates else None


def _claim(matches, taken, pairs, run):
    """Record person→account pairs, refusing to link one account to two people."""
    for person, user in pairs:
        if user is None:
            continue
        if user.id in taken:
            run.error(person_label(person), "accounttaken",
                      f"Moodle account {user.id} is already linked to another person")
            continue
        matches[person.id] = user
        taken.add(user.id)


def profile_changes(person, user):
    """Return the core_user_update_users entry bringing an account in line, or None."""
    desired = desired_profile(person)
    current = {"firstname": user.firstname, "lastname": user.lastname, "email": user.email.lower(),
               "idnumber": user.idnumber, "department": user.department or ""}
    changes = {k: v for k, v in desired.items() if current[k] != v}
    if person.is_active and user.suspended:
        changes["suspended"] = False
    return {"id": user.id, **changes} if changes else None
