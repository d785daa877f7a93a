"""Single sign-on from Moodle with LTI 1.3: OIDC login, launches, deep linking, platform registry."""
