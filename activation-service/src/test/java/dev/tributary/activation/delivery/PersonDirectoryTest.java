package dev.tributary.activation.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonDirectoryTest {

    @Test
    void shouldTakeTheLeadIdFromAMarketoSourceKey() {
        assertThat(PersonDirectory.leadId("1234@123-ABC-456.Marketo")).isEqualTo(1234L);
    }

    @Test
    void shouldIgnoreSourceKeysWithoutANumericId() {
        assertThat(PersonDirectory.leadId("abc@123-ABC-456.Marketo")).isNull();
        assertThat(PersonDirectory.leadId("@123-ABC-456.Marketo")).isNull();
        assertThat(PersonDirectory.leadId("0@123-ABC-456.Marketo")).isNull();
        assertThat(PersonDirectory.leadId(null)).isNull();
    }

    @Test
    void shouldChooseTheLowestLeadIdWhenAPersonHasSeveralRecordsInOneInstance() {
        assertThat(PersonDirectory.lowestLeadId(new String[]{"77@m.Marketo", "12@m.Marketo", "x@m.Marketo"})).isEqualTo(12L);
        assertThat(PersonDirectory.lowestLeadId(new String[]{})).isNull();
    }
}
