"""Demo data in one place: the fictional municipality of Lindenau, loaded by `qser demo`.

`organisation` creates the people, their training and logins and loads the rest; `profiles` holds the
mentoring profiles and the procedures checklist; the workshop scenarios come from the community data.
"""
