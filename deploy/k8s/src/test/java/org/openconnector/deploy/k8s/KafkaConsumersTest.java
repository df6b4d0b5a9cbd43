package org.openconnector.deploy.k8s;

import org.junit.jupiter.api.Test;
import org.openconnector.common.events.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka side of the manifests matches the code: the HPAs scale on the lag of the consumer groups
 * the services' {@code @KafkaListener}s really use, and the KafkaTopics are the topics of {@link Topics}.
 */
class KafkaConsumersTest {

    private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\s*\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern TOPIC = Pattern.compile("Topics\\.([A-Z_]+)|\"([^\"]+)\"");

    /** A listener found in a service's source: its group id and topics. */
    record Listener(String group, List<String> topics) {
    }

    @Test
    void autoscalersUseTheConsumerGroupsOfTheServicesListeners() {
        List<String> checked = new ArrayList<>();
        Expectations.platform(true).lagByDeployment().forEach((service, lag) -> {
            List<Listener> onTopic = listeners(service).stream().filter(l -> l.topics().contains(lag.topic())).toList();
            // A consumer not written yet has no group to compare; once it exists, its group must match.
            if (!onTopic.isEmpty()) {
                assertThat(onTopic).as("%s's listeners on %s", service, lag.topic())
                        .extracting(Listener::group).contains(lag.group());
                checked.add(service);
            }
        });
        assertThat(checked).as("services whose listener groups were found and compared")
                .contains("connector-service", "job-service", "event-service");
    }

    @Test
    void everyPlatformTopicIsAKafkaTopicAndNoOther() throws IllegalAccessException {
        List<String> expected = new ArrayList<>();
        for (var field : Topics.class.getFields()) {
            expected.add((String) field.get(null));
        }
        for (String overlay : Manifests.overlays()) {
            List<String> topics = Manifests.render(overlay).stream().filter(d -> "KafkaTopic".equals(d.get("kind")))
                    .map(d -> Manifests.<String>at(d, "spec.topicName")).toList();
            assertThat(topics).as(overlay).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    static List<Listener> listeners(String service) {
        Path sources = Manifests.repoRoot().resolve(service).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> parse(service, read(f)).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Listener> parse(String service, String source) {
        List<Listener> out = new ArrayList<>();
        Matcher m = LISTENER.matcher(source);
        while (m.find()) {
            String args = m.group(1);
            // Spring Kafka: groupId, else the listener id (idIsGroup defaults to true).
            String group = attribute(args, "groupId");
            group = (group != null ? group : attribute(args, "id"));
            group = group == null ? null : group.replace("${spring.application.name}", service);
            Matcher topicsArg = Pattern.compile("topics\\s*=\\s*(\\{[^}]*}|[^,]+)").matcher(args);
            List<String> topics = new ArrayList<>();
            if (topicsArg.find()) {
                Matcher t = TOPIC.matcher(topicsArg.group(1));
                while (t.find()) {
                    topics.add(t.group(1) != null ? constant(t.group(1)) : t.group(2));
                }
            }
            out.add(new Listener(group, topics));
        }
        return out;
    }

    private static String attribute(String args, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"").matcher(args);
        return m.find() ? m.group(1) : null;
    }

    private static String constant(String name) {
        return Arrays.stream(Topics.class.getFields()).filter(f -> f.getName().equals(name)).findFirst()
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow(() -> new AssertionError("unknown Topics." + name));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
