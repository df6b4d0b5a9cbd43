package org.openconnector.deploy.k8s;

import java.nio.file.Path;

/**
 * Prints what the test renders for an overlay, to compare with {@code kubectl kustomize <dir>}:
 * {@code java -cp ... org.openconnector.deploy.k8s.Render deploy/k8s/overlays/prod}.
 */
public final class Render {

    private Render() {
    }

    public static void main(String[] args) {
        System.out.print(Yaml.dump(Kustomize.build(Path.of(args[0]))));
    }
}
