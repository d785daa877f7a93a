"""The tandem workspace: document folder, session reports, messages, reminders, timeline and ending."""
