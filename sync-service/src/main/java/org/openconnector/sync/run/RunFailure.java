package org.openconnector.sync.run;

/** A run cannot go on (source or target failing, guard tripped); its message goes into the log and events. */
public class RunFailure extends RuntimeException {

    public RunFailure(String message) {
        super(message, null, false, false);
    }
}
