package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@link Subgraph#explore} reads of the stored graph of one entity type, a round of fragments at a time. */
public interface GraphReader {

    /** The identities each of these fragments links; a fragment with none may be left out. */
    Map<String, Set<Identity>> linksOf(Collection<String> fragments);

    /** The fragments holding each of these identities. */
    Map<Identity, List<String>> holdersOf(Collection<Identity> identities);

    /** Records that an identity is shared too widely to link; true when it was not known as a hub before. */
    boolean markHub(Identity identity, int fragments);
}
