package dev.tributary.profile.identity;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.ProfileProperties;
import dev.tributary.profile.fragment.IncomingRecord;
import dev.tributary.profile.fragment.Json;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The identities a person or account record declares: its own source key, its external key, its
 * identityMap and, for a person, its work email. Junk values and namespace floods are refused here.
 */
@Component
public class IdentityExtractor {

    /** What a record links, and what the guardrails refused (with the reason). */
    public record Extracted(Set<Identity> identities, List<Refusal> refused) {
    }

    public record Refusal(Identity identity, String reason) {
    }

    private final ProfileProperties.Identity guardrails;

    public IdentityExtractor(ProfileProperties properties) {
        this.guardrails = properties.identity();
    }

    public Extracted extract(ProfileKind type, IncomingRecord record) {
        Set<Identity> identities = new LinkedHashSet<>();
        List<Refusal> refused = new ArrayList<>();
        if (record.deleted()) {
            return new Extracted(identities, refused);
        }
        JsonNode data = record.data();
        identities.add(new Identity(type.keyNamespace(), record.key().sourceKey()));
        List<Identity> candidates = new ArrayList<>();
        String externalKey = Json.text(data, "extSourceSystemAudit.externalKey");
        if (externalKey != null) {
            candidates.add(new Identity(type.keyNamespace(), SourceKey.parse(externalKey).sourceKey()));
        }
        if (type == ProfileKind.PERSON) {
            String email = Json.text(data, "workEmail.address");
            if (email != null) {
                candidates.add(new Identity(Identity.EMAIL, email.trim().toLowerCase(Locale.ROOT)));
            }
        }
        JsonNode map = data.get("identityMap");
        if (map != null && map.isObject()) {
            XdmJson.mapper().treeToValue(map, IdentityMap.class).normalised().identities().forEach(candidates::add);
        }
        Map<String, Integer> perNamespace = new HashMap<>();
        for (Identity candidate : candidates) {
            String reason = junkReason(candidate);
            if (reason != null) {
                refused.add(new Refusal(candidate, reason));
            } else if (!identities.contains(candidate)
                    && perNamespace.merge(candidate.namespace(), 1, Integer::sum) > guardrails.maxIdentitiesPerNamespace()) {
                refused.add(new Refusal(candidate, "more than " + guardrails.maxIdentitiesPerNamespace()
                        + " identities in namespace " + candidate.namespace() + " on one record"));
            } else {
                identities.add(candidate);
            }
        }
        return new Extracted(identities, refused);
    }

    private String junkReason(Identity identity) {
        String value = identity.value().trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || guardrails.blockedValues().contains(value)) {
            return "blocked value";
        }
        if (identity.namespace().equals(Identity.EMAIL)) {
            int at = value.lastIndexOf('@');
            if (at <= 0 || at == value.length() - 1 || value.indexOf('.', at) < 0) {
                return "not an email address";
            }
            if (guardrails.blockedEmailDomains().contains(value.substring(at + 1))) {
                return "blocked email domain";
            }
        }
        return null;
    }
}
