package dev.tributary.profile;

import dev.tributary.xdm.Identity;
import dev.tributary.xdm.XdmClass;

import java.util.Optional;

/** The two kinds of unified profile. */
public enum EntityType {
    PERSON("person", "per_", Identity.B2B_PERSON),
    ACCOUNT("account", "acc_", Identity.B2B_ACCOUNT);

    private final String id;
    private final String idPrefix;
    private final String keyNamespace;

    EntityType(String id, String idPrefix, String keyNamespace) {
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
     * identity_profile (a scalar sub-query; null when the key is not known yet).
     */
    public String resolvedIdSql(String keyColumn) {
        return "(SELECT p.profile_id FROM identity_profile p WHERE " + holds("p", keyColumn) + ")";
    }

    /**
     * SQL joining identity_profile as {@code alias} to the source key in {@code keyColumn}: {@code alias.profile_id} is
     * the unified id it resolves to now (null when the key is not known yet), as {@link #resolvedIdSql}, for many rows.
     */
    public String resolvedIdJoin(String alias, String keyColumn) {
        return "LEFT JOIN identity_profile " + alias + " ON " + holds(alias, keyColumn);
    }

    /** The condition that the identity_profile row {@code alias} is the source key in {@code keyColumn}, of this type. */
    private String holds(String alias, String keyColumn) {
        return alias + ".entity_type = '" + id + "' AND " + alias + ".namespace = '" + keyNamespace + "' AND " + alias
                + ".value = " + keyColumn;
    }

    public static Optional<EntityType> of(XdmClass xdmClass) {
        return switch (xdmClass) {
            case PERSON -> Optional.of(PERSON);
            case ACCOUNT -> Optional.of(ACCOUNT);
            default -> Optional.empty();
        };
    }

    public static EntityType fromId(String id) {
        for (EntityType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown entity type " + id);
    }
}
