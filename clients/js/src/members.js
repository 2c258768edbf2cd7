// Member lists of rooms, from join acks and presence frames.

/**
 * A join ack's member list is a snapshot taken while the join was handled; user_joined / user_left
 * frames that arrived between sending the join and its ack may be later than the snapshot. Replaying
 * them in order on top of it gives the current members either way (each user's last event wins).
 */
export function membersAfter(snapshot, changes) {
  const members = new Set(snapshot);
  for (const frame of changes) {
    if (frame.type === "user_joined") members.add(frame.payload.user_id);
    else members.delete(frame.payload.user_id);
  }
  return [...members].sort();
}
