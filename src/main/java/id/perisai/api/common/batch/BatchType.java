package id.perisai.api.common.batch;

import java.time.LocalDate;

import id.perisai.api.security.Caller;

/** A kind of batch, as the generic intake sees it. */
public interface BatchType {

    BatchKind kind();

    /** A stager for one batch submitted today (WIB) by the caller; loads what validation needs up front. */
    Stager<?> stager(Caller caller, LocalDate today);
}
