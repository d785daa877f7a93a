"""Forums (mod_forum_add_discussion, mod_forum_add_discussion_post, mod_forum_get_forums_by_courses).

Parameters and answers as in Moodle 4.5 (mod/forum/externallib.php) and the fx2 recordings in
../shared/moodle-fixtures: add_discussion takes forumid, subject, message (HTML) and groupid (0: all
participants) and answers {discussionid, warnings}; add_discussion_post answers {postid, post, ...}.
"""
from dataclasses import dataclass

from sync.managers.base import Manager, from_dict


@dataclass(frozen=True)
class Forum:
    """A forum activity of a course (the web service does not report its group mode)."""

    id: int
    course: int
    name: str
    type: str = "general"
    cmid: int = 0
    cancreatediscussions: bool = False


class ForumManager(Manager):
    """Start discussions and reply in forums as the web-service user."""

    def add_discussion(self, forumid, subject, message, groupid=0):
        """Start a discussion (in the group's view when groupid is set) and return its id."""
        params = {"forumid": int(forumid), "subject": subject, "message": message}
        if groupid:
            params["groupid"] = int(groupid)
        body = self.call("mod_forum_add_discussion", params)
        return int(body["discussionid"])

    def discussions(self, forumid, groupid=0, perpage=50):
        """Return the newest discussions of a forum (of the group and all participants, when groupid is set) as
        dicts with `discussion` (its id), `name`, `groupid`, `userid` and `created` (Unix time)."""
        params = {"forumid": int(forumid), "sortorder": -1, "page": 0, "perpage": int(perpage)}
        if groupid:
            params["groupid"] = int(groupid)
        body = self.call("mod_forum_get_forum_discussions", params)
        return list(body.get("discussions") or [])

    def add_post(self, postid, subject, message):
        """Reply to a post and return the new post's id."""
        body = self.call("mod_forum_add_discussion_post",
                         {"postid": int(postid), "subject": subject, "message": message})
        return int(body["postid"])

    def in_courses(self, courseids):
        """Return the forums of the given courses."""
        body = self.call("mod_forum_get_forums_by_courses", {"courseids": [int(c) for c in courseids]})
        return [from_dict(Forum, f) for f in body]
