package org.openconnector.local;

import java.util.concurrent.CompletionException;

/** Lets start-up code that throws checked exceptions run inside {@code CompletableFuture.supplyAsync}. */
final class Unchecked {

    @FunctionalInterface
    interface Supplier<T> {
        T get() throws Exception;
    }

    private Unchecked() {
    }

    static <T> T get(Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** The exception a user should read: not the CompletionException wrapper around it. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
