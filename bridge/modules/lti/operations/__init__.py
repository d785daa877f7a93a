"""LTI operations: platforms, tool keys, login initiation, launch validation, identity, deep linking."""
