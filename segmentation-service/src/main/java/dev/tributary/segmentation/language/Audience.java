package dev.tributary.segmentation.language;

/** What a segment is made of: people or accounts. The audience fixes the base row {@code e}. */
public enum Audience {
    PERSON(ProfileReadEntity.PERSON), ACCOUNT(ProfileReadEntity.ACCOUNT);

    private final ProfileReadEntity entity;

    Audience(ProfileReadEntity entity) {
        this.entity = entity;
    }

    public ProfileReadEntity entity() {
        return entity;
    }
}
