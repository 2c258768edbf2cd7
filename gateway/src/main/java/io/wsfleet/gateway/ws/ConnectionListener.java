package io.wsfleet.gateway.ws;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.auth.TokenExtractor;
import io.wsfleet.gateway.node.ClientMessages;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.session.Session;

/**
 * The Helidon listener of one WebSocket connection (Helidon creates one per upgrade): it opens the
 * session for the principal the {@link UpgradeGate} admitted, reassembles fragmented text messages up
 * to the size limit, and passes frames to the node. All callbacks run on the connection's own thread.
 */
final class ConnectionListener implements WsListener {
    private static final System.Logger LOG = System.getLogger(ConnectionListener.class.getName());

    private final Node node;
    private final ClientMessages messages;
    private final Admissions admissions;
    private final LiveConnections live;
    private final int maxMessageBytes;

    private Session session;
    private StringBuilder fragments;
    private int fragmentBytes;

    ConnectionListener(Node node, ClientMessages messages, Admissions admissions, LiveConnections live,
                       int maxMessageBytes) {
        this.node = node;
        this.messages = messages;
        this.admissions = admissions;
        this.live = live;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        // Select our subprotocol when offered (browsers require an answer); never echo the token entry.
        if (TokenExtractor.offersSubprotocol(headers.first(WsUpgrader.PROTOCOL))) {
            WritableHeaders<?> response = WritableHeaders.create();
            response.set(WsUpgrader.PROTOCOL, TokenExtractor.SUBPROTOCOL);
            return Optional.of(response);
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession socket) {
        Optional<Principal> principal = admissions.claim(ConnectionKey.of(socket.socketContext()));
        if (principal.isEmpty()) {
            // Only reachable if the upgrade bypassed the gate; never serve an unauthenticated socket.
            socket.close(CloseCode.INTERNAL_ERROR.code(), "not admitted");
            return;
        }
        live.opened();
        session = node.connect(principal.get(), new HelidonTransport(socket));
        LOG.log(Level.INFO, "connection opened conn={0} user={1} ip={2}", session.id(), session.userId(),
                socket.socketContext().remotePeer().host());
    }

    @Override
    public void onMessage(WsSession socket, String text, boolean last) {
        if (session == null) {
            return;
        }
        if (last && fragments == null) {
            messages.onText(session, text);
            return;
        }
        if (fragments == null) {
            fragments = new StringBuilder();
            fragmentBytes = 0;
        }
        fragmentBytes += text.getBytes(StandardCharsets.UTF_8).length;
        if (fragmentBytes > maxMessageBytes) {
            fragments = null;
            socket.close(CloseCode.MESSAGE_TOO_BIG.code(), "message larger than " + maxMessageBytes + " bytes");
            return;
        }
        fragments.append(text);
        if (last) {
            String message = fragments.toString();
            fragments = null;
            messages.onText(session, message);
        }
    }

    @Override
    public void onMessage(WsSession socket, BufferData buffer, boolean last) {
        if (session != null && last) {
            messages.onBinary(session);
        }
    }

    @Override
    public void onClose(WsSession socket, int status, String reason) {
        end("closed code=" + status);
    }

    @Override
    public void onError(WsSession socket, Throwable error) {
        end("failed: " + error.getClass().getSimpleName());
    }

    private void end(String how) {
        if (session == null) {
            return;
        }
        Session ended = session;
        session = null;
        node.disconnect(ended);
        live.closed();
        LOG.log(Level.INFO, "connection {0} conn={1} user={2}", how, ended.id(), ended.userId());
    }
}
