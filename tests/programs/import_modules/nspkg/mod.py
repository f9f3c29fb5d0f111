NAME = "nspkg.mod"
