package org.openconnector.deploy.k8s;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Strict YAML reading (duplicate keys are errors, as in kubectl) and plain dumping. */
public final class Yaml {

    private Yaml() {
    }

    /** Every non-empty document of a (multi-document) YAML file, each a mapping. */
    public static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> documents(String text, String origin) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : loader().loadAll(text)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new KustomizeException(origin + ": a document is not a mapping");
            }
            out.add((Map<String, Object>) map);
        }
        return out;
    }

    public static Map<String, Object> single(Path file) {
        List<Map<String, Object>> docs = documents(file);
        if (docs.size() != 1) {
            throw new KustomizeException(file + ": expected exactly one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    public static String dump(List<Map<String, Object>> docs) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new org.yaml.snakeyaml.Yaml(options).dumpAll(docs.iterator());
    }

    private static org.yaml.snakeyaml.Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }
}
