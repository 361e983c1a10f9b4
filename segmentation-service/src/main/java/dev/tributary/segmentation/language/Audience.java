package dev.tributary.segmentation.language;

/** What a segment is made of: people or accounts. The audience fixes the base row {@code e}. */
public enum Audience {
    PERSON(EntityType.PERSON), ACCOUNT(EntityType.ACCOUNT);

    private final EntityType entity;

    Audience(EntityType entity) {
        this.entity = entity;
    }

    public EntityType entity() {
        return entity;
    }
}
