package org.openconnector.sync.run;

import org.junit.jupiter.api.Test;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listener's deserializer reads a record only as far as it must, and still finds the subject of every mapping event. */
class MappingEventSubjectsTest {

    private final MappingEventSubjects subjects = new MappingEventSubjects();

    private static String subject(String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        return MappingEventSubjects.subject(bytes, 0, bytes.length);
    }

    @Test
    void aMappingEventGivesItsSubjectWhateverTheFieldOrder() {
        assertThat(subject("{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"org.openconnector.mapping.updated\",\"subject\":\"m1\",\"data\":{}}"))
                .isEqualTo("m1");
        assertThat(subject("{\"data\":{\"type\":\"x\",\"subject\":\"no\"},\"subject\":\"m2\",\"time\":[1,{\"a\":2}],"
                + "\"type\":\"org.openconnector.mapping.deleted\"}")).isEqualTo("m2");
        assertThat(subject("{\"type\":\"org.openconnector.mapping.created\"}")).isEmpty(); // as before: evicts ""
    }

    @Test
    void otherEventsAreNotMappingEventsEvenWhenTheirDataMentionsOne() {
        assertThat(subject("{\"type\":\"org.openconnector.synchronization.object.created\",\"subject\":\"s\","
                + "\"data\":{\"object\":{\"note\":\"org.openconnector.mapping.updated\"}}}")).isNull();
        assertThat(subject("{\"data\":{\"type\":\"org.openconnector.mapping.updated\",\"subject\":\"m\"},\"subject\":\"s\"}")).isNull();
        assertThat(subject("{\"type\":7,\"subject\":\"m\"}")).isNull();
    }

    @Test
    void aRecordThatIsNotAnObjectIsRefusedAndSkipped() {
        assertThatThrownBy(() -> subject("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subject("{\"type\":")).isInstanceOf(RuntimeException.class);
        assertThat(subjects.deserialize("t", "not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(subjects.deserialize("t", (byte[]) null)).isNull();
    }

    @Test
    void aRecordIsReadWhereTheConsumerHasIt() {
        byte[] fetched = ("xx{\"type\":\"org.openconnector.mapping.updated\",\"subject\":\"m9\"}yy").getBytes(StandardCharsets.UTF_8);
        ByteBuffer slice = ByteBuffer.wrap(fetched, 2, fetched.length - 4).slice();
        assertThat(subjects.deserialize("t", null, slice)).isEqualTo("m9");
        ByteBuffer direct = ByteBuffer.allocateDirect(fetched.length - 4).put(fetched, 2, fetched.length - 4).flip();
        assertThat(subjects.deserialize("t", null, direct)).isEqualTo("m9");
        assertThat(direct.remaining()).isEqualTo(fetched.length - 4);
    }
}
