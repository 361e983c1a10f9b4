package dev.tributary.xdm.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.json.XdmJson;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a sender puts in a record or event, validation answers with a result, never an exception, and what it
 * calls valid holds nothing PostgreSQL would refuse (ADR 0023).
 */
class XdmValidatorProperties {

    private static final XdmValidator VALIDATOR = new XdmValidator();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The fields the validator looks at, nested where XDM nests them, and some it does not know. */
    private static final List<String> FIELDS = List.of("accountKey", "personKey", "opportunityKey", "campaignKey",
            "campaignMemberKey", "accountPersonKey", "opportunityPersonKey", "marketingListKey", "marketingListMemberKey",
            "accountName", "accountOrganization", "numberOfEmployees", "annualRevenue", "amount", "website",
            "extSourceSystemAudit", "lastUpdatedDate", "externalKey", "membershipDate", "expectedCloseDate",
            "actualCloseDate", "opportunityAmount", "personScore", "workEmail", "address", "identityMap", "email",
            "b2b_person", "id", "_id", "timestamp", "eventType", "web", "webPageDetails", "webReferrer", "URL", "isDeleted",
            "unknown", "x\u0000y");

    @Property(tries = 400)
    void shouldAnswerEveryRecordWithoutThrowing(@ForAll("classNames") String className, @ForAll("objects") ObjectNode data) {
        RecordValidation validation = VALIDATOR.validateRecord(className, data);

        if (validation.valid()) {
            assertThat(validation.key()).isNotNull();
            assertStorable(validation.normalised());
        } else {
            assertThat(validation.errors()).isNotEmpty().hasSizeLessThanOrEqualTo(XdmLimits.MAX_ERRORS);
        }
    }

    @Property(tries = 400)
    void shouldAnswerEveryEventWithoutThrowing(@ForAll("objects") ObjectNode event) {
        EventValidation validation = VALIDATOR.validateEvent(event);

        if (validation.valid()) {
            assertStorable(validation.normalised());
        } else {
            assertThat(validation.errors()).isNotEmpty();
        }
    }

    @Property(tries = 200)
    void shouldAnswerAnyJsonTextParsedAsRecord(@ForAll("jsonTexts") String text) {
        JsonNode data;
        try {
            data = XdmJson.mapper().readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return;
        }
        VALIDATOR.validateRecord("account", data);
        VALIDATOR.validateEvent(data);
    }

    private static void assertStorable(JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(p -> {
                assertThat(p.getKey()).doesNotContain("\u0000");
                assertStorable(p.getValue());
            });
        } else if (node.isArray()) {
            node.values().forEach(XdmValidatorProperties::assertStorable);
        } else if (node.isString()) {
            assertThat(node.stringValue()).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(XdmLimits.MAX_STRING_CHARS);
        } else if (node.isNumber()) {
            assertThat(XdmValidator.isFinite(node)).isTrue();
        }
    }

    @Provide
    Arbitrary<String> classNames() {
        return Arbitraries.of(Arrays.stream(XdmClass.values()).map(XdmClass::jsonName).toList());
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return object(3);
    }

    @Provide
    Arbitrary<String> jsonTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
                Arbitraries.strings().withChars("{}[]\":,0123456789e.-+ \\u0abtrue").ofMaxLength(60),
                object(2).map(Object::toString).map(s -> s.substring(0, s.length() / 2)));
    }

    private Arbitrary<ObjectNode> object(int depth) {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(5));
        Arbitrary<JsonNode> values = depth == 0 ? scalars() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars()),
                net.jqwik.api.Tuple.of(2, object(depth - 1).map(o -> (JsonNode) o)),
                net.jqwik.api.Tuple.of(1, scalars().list().ofMaxSize(3).map(l -> (JsonNode) NODES.arrayNode().addAll(l))),
                net.jqwik.api.Tuple.of(1, object(depth - 1).list().ofMaxSize(2).map(l -> (JsonNode) NODES.arrayNode().addAll(l))));
        return Combinators.combine(names, values).as(List::of).list().ofMaxSize(6).map(entries -> {
            ObjectNode node = NODES.objectNode();
            entries.forEach(e -> node.set((String) e.get(0), (JsonNode) e.get(1)));
            return node;
        });
    }

    private Arbitrary<JsonNode> scalars() {
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.of("1001@mkto-1.Marketo", " A-1@crm-1.Salesforce ", "@.", "x@y.", "p2@Townsend.com",
                        "2026-11-01T10:00:00Z", "9999-12-31T23:59:59-05:00", "0000-01-01T00:00:00Z",
                        "+300000-01-01T00:00:00Z", "2026-02-30", "0000-01-01", "9999-12-31", "USD", "y", "n",
                        "https://bodea.com/", "a\u0000b", "\uD800", "k".repeat(1100) + "@crm-1.Salesforce",
                        "u".repeat(XdmLimits.MAX_STRING_CHARS + 1)));
        return Arbitraries.oneOf(
                texts.map(NODES::stringNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.POSITIVE_INFINITY, Double.NaN, 9.3e18, -1.0, 1e300, 1e-300).map(NODES::numberNode),
                Arbitraries.bigIntegers().map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.nullNode()));
    }
}
