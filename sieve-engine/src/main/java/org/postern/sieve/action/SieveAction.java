package org.postern.sieve.action;

/** One thing the caller must do with the message after a Sieve run. */
public sealed interface SieveAction
    permits StoreAction,
        RedirectAction,
        RejectAction,
        DiscardAction,
        VacationAction,
        NotifyAction {}
