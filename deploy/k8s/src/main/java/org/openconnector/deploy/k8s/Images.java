package org.openconnector.deploy.k8s;

import java.util.List;
import java.util.Map;

/** kustomize's {@code images} transformer over the containers of Deployment pod templates. */
final class Images {

    private Images() {
    }

    static void apply(List<Map<String, Object>> resources, Map<String, Object> rule) {
        String name = String.valueOf(rule.get("name"));
        int matched = 0;
        for (Map<String, Object> r : resources) {
            if (!"Deployment".equals(r.get("kind"))) {
                continue;
            }
            Map<String, Object> pod = Tree.map(Tree.map(Tree.map(r, "spec"), "template"), "spec");
            for (String list : List.of("initContainers", "containers")) {
                for (Map<String, Object> c : Tree.maps(pod, list)) {
                    String image = String.valueOf(c.get("image"));
                    if (nameOf(image).equals(name)) {
                        c.put("image", rewrite(image, rule));
                        matched++;
                    }
                }
            }
        }
        if (matched == 0) {
            throw new KustomizeException("images: no container uses image '" + name + "'");
        }
    }

    /** The image reference without tag or digest (a registry port's colon is not a tag). */
    static String nameOf(String image) {
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    private static String rewrite(String image, Map<String, Object> rule) {
        String name = rule.get("newName") != null ? String.valueOf(rule.get("newName")) : nameOf(image);
        if (rule.get("digest") != null) {
            return name + "@" + rule.get("digest");
        }
        if (rule.get("newTag") != null) {
            return name + ":" + rule.get("newTag");
        }
        return name + image.substring(nameOf(image).length());
    }
}
