"""Job shadowing: records of shadowing activities with the trainers' checklist."""
