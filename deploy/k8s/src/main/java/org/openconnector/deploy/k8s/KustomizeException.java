package org.openconnector.deploy.k8s;

/** A kustomization the renderer cannot render exactly as kustomize would, or an invalid one. */
public class KustomizeException extends RuntimeException {

    public KustomizeException(String message) {
        super(message);
    }
}
