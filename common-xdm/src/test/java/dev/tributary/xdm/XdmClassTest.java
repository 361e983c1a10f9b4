package dev.tributary.xdm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.xdm.model.XdmRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XdmClassTest {

    @Test
    void shouldLookUpClassesByJsonName() {
        assertThat(XdmClass.fromJsonName("accountPerson")).contains(XdmClass.ACCOUNT_PERSON);
        assertThat(XdmClass.fromJsonName("AccountPerson")).isEmpty();
        assertThat(XdmClass.MARKETING_LIST_MEMBER.primaryKeyField()).isEqualTo("marketingListMemberKey");
    }

    @Test
    void shouldMapEveryClassToARecordTypeNamedLikeIt() {
        assertThat(Arrays.stream(XdmClass.values()))
                .allSatisfy(c -> assertThat(XdmRecord.typeOf(c).getSimpleName())
                        .isEqualToIgnoringCase(c.jsonName()));
    }
}
