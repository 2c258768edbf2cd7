package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** One room of the gateways' room directory (their room seed file). */
public record RoomSpec(
        @Required @Pattern(RoomSpec.ID_RULE) @JsonPropertyDescription("Room id: 1-128 of A-Z a-z 0-9 _ - . : @") String id,
        @Default("public") @JsonPropertyDescription("public: anyone may join; private: members only (and tokens whose rooms claim lists it).")
        RoomType type,
        @JsonPropertyDescription("User ids admitted to a private room.") List<String> members,
        @JsonPropertyDescription("This room's history, instead of spec.history; size 0: the room keeps none. Changing it does not restart pods.")
        HistorySpec history,
        @Default("false") @JsonPropertyDescription("Messages cross Redis encrypted with spec.encryptionKey (Fernet).") Boolean encrypted) {

    /** The gateway's room id rule. */
    public static final String ID_RULE = "^[A-Za-z0-9_.:@-]{1,128}$";

    public RoomSpec {
        type = type == null ? RoomType.PUBLIC : type;
        members = members == null ? List.of() : List.copyOf(members);
        history = history == null ? new HistorySpec(null, null) : history;
        encrypted = encrypted != null && encrypted;
    }
}
