package dev.tributary.profile;

import dev.tributary.xdm.Identity;
import dev.tributary.xdm.XdmClass;

import java.util.Optional;

/** The two kinds of unified profile. */
public enum ProfileKind {
    PERSON("person", "per_", Identity.B2B_PERSON),
    ACCOUNT("account", "acc_", Identity.B2B_ACCOUNT);

    private final String id;
    private final String idPrefix;
    private final String keyNamespace;

    ProfileKind(String id, String idPrefix, String keyNamespace) {
        this.id = id;
        this.idPrefix = idPrefix;
        this.keyNamespace = keyNamespace;
    }

    public String id() {
        return id;
    }

    public String idPrefix() {
        return idPrefix;
    }

    /** The namespace holding the source keys of this entity's records. */
    public String keyNamespace() {
        return keyNamespace;
    }

    /**
     * SQL for the unified id that the source key in {@code keyColumn} resolves to now, through
     * identity_profile (null when the key is not known yet). A scalar sub-query, so a statement writing a batch of rows
     * probes identity_profile's primary key once a row, whatever the statistics say (ADR 0017).
     */
    public String resolvedIdSql(String keyColumn) {
        return profileIdSql("'" + keyNamespace + "'", keyColumn);
    }

    /**
     * SQL for the unified id that the identity ({@code namespaceSql}, {@code valueSql}) of this type resolves to now
     * (null when it is not known): a scalar sub-query probing identity_profile's primary key, as
     * {@link #resolvedIdSql} (ADR 0017).
     */
    public String profileIdSql(String namespaceSql, String valueSql) {
        return "(SELECT p.profile_id FROM identity_profile p WHERE p.entity_type = '" + id + "' AND p.namespace = "
                + namespaceSql + " AND p.value = " + valueSql + ")";
    }

    public static Optional<ProfileKind> of(XdmClass xdmClass) {
        return switch (xdmClass) {
            case PERSON -> Optional.of(PERSON);
            case ACCOUNT -> Optional.of(ACCOUNT);
            default -> Optional.empty();
        };
    }

    public static ProfileKind fromId(String id) {
        for (ProfileKind type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown entity type " + id);
    }
}
