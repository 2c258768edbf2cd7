package io.wsfleet.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may join a room; spelled as in the gateway's room seed file. */
public enum RoomType {
    @JsonProperty("public") PUBLIC,
    @JsonProperty("private") PRIVATE
}
