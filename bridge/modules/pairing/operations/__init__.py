"""Business logic of the pairing domain, one submodule per subject; operations flush, never commit.

Import the submodule where a function lives, e.g. `from bridge.modules.pairing.operations.review import confirm_run`.
"""
