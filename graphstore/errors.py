"""The store's own failures; driver errors are translated into these at the boundary."""


class StoreError(Exception):
    """Base of every error a store raises on purpose."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or refused the work; retrying later may help."""


class StoreTimeout(StoreError):
    """The database did not finish the work within its transaction timeout; the
    transaction was cancelled."""


class InvalidBookmark(StoreError):
    """The database does not know a bookmark the client sent (`graphstore.causal`)."""
