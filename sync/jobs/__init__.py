"""Sync jobs: push users, enrol, pull completions, and the nightly orchestrator."""
from sync.jobs.lock import SyncAlreadyRunning
from sync.jobs.nightly import (KINDS, recent_runs, run_sync, start_background_run,
                               sync_running)
from sync.jobs.run import JobOptions

__all__ = ["JobOptions", "KINDS", "SyncAlreadyRunning", "recent_runs", "run_sync",
           "start_background_run", "sync_running"]
