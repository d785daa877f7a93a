"""Fake forum functions (mod_forum_*): forums, discussions and posts kept in memory.

Shapes follow the recordings in ../shared/moodle-fixtures (mod_forum_*.json, run fx2). Behaviour follows
Moodle 4.5's mod/forum/classes/external.php and externallib.php: add_discussion takes forumid, subject,
message, groupid (default 0) and options; in a separate-groups forum the group must belong to the course.
"""
from dataclasses import dataclass, field

from tests.fake_moodle.errors import invalid_parameter, missing_record
from tests.fake_moodle.schema import Opt

I, S = "int", "str"
OPTIONS = Opt([{"name": S, "value": S}], [])
BY_COURSES = {"courseids": Opt([I], [])}
ADD_DISCUSSION = {"forumid": I, "subject": S, "message": S, "groupid": Opt(I, 0), "options": OPTIONS}
ADD_POST = {"postid": I, "subject": S, "message": S, "messageformat": Opt(I, 1), "options": OPTIONS}
DISCUSSIONS = {"forumid": I, "sortorder": Opt(I, -1), "page": Opt(I, -1), "perpage": Opt(I, 0),
               "groupid": Opt(I, 0)}
POSTS = {"discussionid": I, "sortby": Opt(S, "created"), "sortdirection": Opt(S, "DESC"),
         "includeinlineattachments": Opt("bool", False)}
NOGROUPS, SEPARATEGROUPS, VISIBLEGROUPS = 0, 1, 2
TIME_AVATARS = 1796279777


@dataclass
class Forum:
    """A forum activity; groupmode 0 none, 1 separate, 2 visible (not reported by the web service)."""

    id: int
    course: int
    cmid: int
    name: str
    type: str = "general"
    intro: str = ""
    groupmode: int = NOGROUPS
    forcesubscribe: int = 0
    timemodified: int = 0


@dataclass
class Post:
    """A forum post; the first post of a discussion has parent 0."""

    id: int
    discussion: int
    parent: int
    userid: int
    subject: str
    message: str
    created: int


@dataclass
class Discussion:
    """A discussion of a forum, in one group (0: all participants)."""

    id: int
    forum: int
    groupid: int
    firstpost: int
    userid: int
    created: int
    posts: list = field(default_factory=list)


def _forums(state):
    """Return the forums of the site."""
    return state.forums


def add_forum(state, **fields):
    """Create a forum activity in the fake."""
    forum = Forum(**fields)
    _forums(state)[forum.id] = forum
    return forum


def forum_or_fail(state, forumid):
    """Return a forum or raise Moodle's missing-record error on table forum."""
    forum = _forums(state).get(forumid)
    if forum is None:
        raise missing_record("forum")
    return forum


def _forum_entry(state, forum):
    return {"id": forum.id, "course": forum.course, "type": forum.type, "name": forum.name,
            "intro": forum.intro, "introformat": 1, "introfiles": [], "lang": "", "duedate": 0,
            "cutoffdate": 0, "assessed": 0, "assesstimestart": 0, "assesstimefinish": 0, "scale": 0,
            "grade_forum": 0, "grade_forum_notify": 0, "maxbytes": 0, "maxattachments": 1,
            "forcesubscribe": forum.forcesubscribe, "trackingtype": 1, "rsstype": 0, "rssarticles": 0,
            "timemodified": forum.timemodified, "warnafter": 0, "blockafter": 0, "blockperiod": 0,
            "completiondiscussions": 0, "completionreplies": 0, "completionposts": 0, "cmid": forum.cmid,
            "numdiscussions": sum(1 for d in state.discussions.values() if d.forum == forum.id),
            "cancreatediscussions": forum.type != "news", "lockdiscussionafter": 0, "istracked": False}


def get_forums_by_courses(state, params):
    """Return the forums of the given courses (all courses when none is given), ordered by id."""
    courses = set(params["courseids"]) or set(state.courses)
    return [_forum_entry(state, f) for f in sorted(_forums(state).values(), key=lambda f: f.id)
            if f.course in courses]


def _new_post(state, discussion, parent, subject, message):
    post = Post(state.next_id("post"), discussion.id, parent, state.ws_userid, subject, message, state.now())
    state.posts[post.id] = post
    discussion.posts.append(post.id)
    return post


def add_discussion(state, params):
    """Start a discussion; in a group forum a group id must name a group of the forum's course."""
    forum = forum_or_fail(state, params["forumid"])
    groupid = params["groupid"]
    if groupid and forum.groupmode == NOGROUPS:
        groupid = 0  # Moodle ignores the group of a forum without groups
    if groupid and (groupid not in state.groups or state.groups[groupid].courseid != forum.course):
        raise invalid_parameter("Invalid group: the group does not belong to the forum's course")
    discussion = Discussion(state.next_id("discussion"), forum.id, groupid, 0, state.ws_userid, state.now())
    state.discussions[discussion.id] = discussion
    discussion.firstpost = _new_post(state, discussion, 0, params["subject"], params["message"]).id
    return {"discussionid": discussion.id, "warnings": []}


def _author(state, post):
    user = state.users.get(post.userid)
    name = f"{user.firstname} {user.lastname}" if user else ""
    return {"id": post.userid, "fullname": name, "isdeleted": False, "groups": [],
            "urls": {"profile": f"{state.siteurl}/user/view.php?id={post.userid}",
                     "profileimage": f"{state.siteurl}/theme/image.php/boost/core/{TIME_AVATARS}/u/f1"}}


def _post_entry(state, post):
    site, d, p = state.siteurl, post.discussion, post.id
    return {"id": p, "subject": post.subject, "replysubject": f"Re: {post.subject}", "message": post.message,
            "messageformat": 1, "author": _author(state, post), "discussionid": d,
            "hasparent": bool(post.parent), "parentid": post.parent or None, "timecreated": post.created,
            "timemodified": post.created, "unread": None, "isdeleted": False, "isprivatereply": False,
            "haswordcount": False, "wordcount": None, "charcount": None,
            "capabilities": {"view": True, "edit": True, "delete": False, "split": False, "reply": True,
                             "selfenrol": False, "export": False, "controlreadstatus": False,
                             "canreplyprivately": False},
            "urls": {"view": f"{site}/mod/forum/discuss.php?d={d}#p{p}",
                     "viewisolated": f"{site}/mod/forum/discuss.php?d={d}&parent={p}",
                     "viewparent": f"{site}/mod/forum/discuss.php?d={d}#p{post.parent}" if post.parent else None,
                     "edit": f"{site}/mod/forum/post.php?edit={p}", "delete": None, "split": None,
                     "reply": f"{site}/mod/forum/post.php?reply={p}#mformforum", "export": None,
                     "markasread": None, "markasunread": None, "discuss": f"{site}/mod/forum/discuss.php?d={d}"},
            "attachments": [], "messageinlinefiles": [], "tags": [],
            "html": {"rating": None, "taglist": None,
                     "authorsubheading": f"by {_author(state, post)['fullname']}"}}


def add_discussion_post(state, params):
    """Reply to a post."""
    _forums(state)
    parent = state.posts.get(params["postid"])
    if parent is None:
        raise missing_record("forum_posts")
    discussion = state.discussions[parent.discussion]
    post = _new_post(state, discussion, parent.id, params["subject"], params["message"])
    return {"postid": post.id, "warnings": [], "post": _post_entry(state, post),
            "messages": [{"type": "success", "message": "Your post was successfully added."},
                         {"type": "success",
                          "message": "You have 30 mins to edit it if you want to make any changes."}]}


def _discussion_entry(state, discussion):
    first = state.posts[discussion.firstpost]
    user = state.users.get(discussion.userid)
    name = f"{user.firstname} {user.lastname}" if user else ""
    picture = f"{state.siteurl}/theme/image.php/boost/core/{TIME_AVATARS}/u/f2"
    return {"id": discussion.id, "name": first.subject, "groupid": discussion.groupid,
            "timemodified": first.created, "usermodified": discussion.userid, "timestart": 0, "timeend": 0,
            "discussion": discussion.id, "parent": 0, "userid": discussion.userid, "created": first.created,
            "modified": first.created, "mailed": 0, "subject": first.subject, "message": first.message,
            "messageformat": 1, "messagetrust": 0, "attachment": False, "totalscore": 0, "mailnow": 0,
            "userfullname": name, "usermodifiedfullname": name, "userpictureurl": picture,
            "usermodifiedpictureurl": picture, "numreplies": len(discussion.posts) - 1, "numunread": 0,
            "pinned": False, "locked": False, "starred": False, "canreply": True, "canlock": True,
            "canfavourite": True}


def get_forum_discussions(state, params):
    """Return the forum's discussions, newest first (the web-service user sees all groups)."""
    forum = forum_or_fail(state, params["forumid"])
    found = sorted((d for d in state.discussions.values() if d.forum == forum.id), key=lambda d: -d.id)
    if params["groupid"]:
        found = [d for d in found if d.groupid in (0, params["groupid"])]
    return {"discussions": [_discussion_entry(state, d) for d in found], "warnings": []}


def get_discussion_posts(state, params):
    """Return the posts of a discussion, newest first."""
    _forums(state)
    discussion = state.discussions.get(params["discussionid"])
    if discussion is None:
        raise missing_record("forum_discussions")
    forum = state.forums[discussion.forum]
    posts = [state.posts[p] for p in discussion.posts]
    posts.sort(key=lambda p: p.id, reverse=params["sortdirection"].upper() == "DESC")
    return {"posts": [_post_entry(state, p) for p in posts], "forumid": forum.id, "courseid": forum.course,
            "ratinginfo": {"contextid": 1000 + forum.cmid, "component": "mod_forum", "ratingarea": "post",
                           "canviewall": None, "canviewany": None, "scales": [], "ratings": []},
            "warnings": []}


FUNCTIONS = {
    "mod_forum_get_forums_by_courses": (BY_COURSES, get_forums_by_courses),
    "mod_forum_add_discussion": (ADD_DISCUSSION, add_discussion),
    "mod_forum_add_discussion_post": (ADD_POST, add_discussion_post),
    "mod_forum_get_forum_discussions": (DISCUSSIONS, get_forum_discussions),
    "mod_forum_get_discussion_posts": (POSTS, get_discussion_posts),
}
