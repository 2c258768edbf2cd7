package io.wsfleet.gateway.ws;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.wsfleet.gateway.auth.TokenExtractor;
import io.wsfleet.gateway.node.Admission;
import io.wsfleet.gateway.node.ClientMessages;
import io.wsfleet.gateway.node.DrainingException;
import io.wsfleet.gateway.node.Node;
import io.wsfleet.gateway.protocol.CloseCode;
import io.wsfleet.gateway.protocol.Utf8;
import io.wsfleet.gateway.session.Session;

/**
 * The Helidon listener of one WebSocket connection (Helidon creates one per upgrade): it opens the
 * session for the principal the {@link UpgradeGate} admitted, reassembles fragmented text messages up
 * to the size limit, and passes frames to the node. Callbacks run on the connection's own thread;
 * {@link #end} may also be called by {@link OpenConnections#reapDropped()}.
 */
final class ConnectionListener implements WsListener {
    private static final System.Logger LOG = System.getLogger(ConnectionListener.class.getName());

    private final Node node;
    private final ClientMessages messages;
    private final Admissions admissions;
    private final OpenConnections open;
    private final int maxMessageBytes;
    private final WebSocketMeters meters;

    private final AtomicReference<Session> session = new AtomicReference<>();
    private volatile HelidonTransport transport;
    private StringBuilder fragments;
    private int fragmentBytes;
    private boolean discardingMessage;

    ConnectionListener(Node node, ClientMessages messages, Admissions admissions, OpenConnections open,
                       int maxMessageBytes, WebSocketMeters meters) {
        this.meters = meters;
        this.node = node;
        this.messages = messages;
        this.admissions = admissions;
        this.open = open;
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
        Optional<Admission> admission = admissions.claim(ConnectionKey.of(socket.socketContext()));
        if (admission.isEmpty()) {
            // Only reachable if the upgrade bypassed the gate; never serve an unauthenticated socket.
            socket.close(CloseCode.INTERNAL_ERROR.code(), "not admitted");
            return;
        }
        transport = new HelidonTransport(socket);
        Session opened;
        try {
            opened = node.connect(admission.get(), transport);
        } catch (DrainingException e) {
            // Admitted just before the drain began: send it elsewhere at once.
            socket.close(CloseCode.SERVICE_RESTART.code(), CloseCode.SERVICE_RESTART.reason());
            return;
        }
        session.set(opened);
        open.opened(this);
        meters.opened();
        LOG.log(Level.INFO, "connection opened conn={0} user={1} ip={2}", opened.id(), opened.userId(),
                socket.socketContext().remotePeer().host());
    }

    @Override
    public void onMessage(WsSession socket, String text, boolean last) {
        Session current = session.get();
        if (current == null) {
            return;
        }
        meters.received(Utf8.length(text));
        if (last && fragments == null && !discardingMessage) {
            messages.onText(current, text);
            return;
        }
        collectFragment(current, text, last);
    }

    @Override
    public void onMessage(WsSession socket, BufferData buffer, boolean last) {
        Session current = session.get();
        if (current == null) {
            return;
        }
        meters.received(buffer.available());
        if (last) {
            messages.onBinary(current);
        }
    }

    @Override
    public void onClose(WsSession socket, int status, String reason) {
        end("closed", status);
    }

    @Override
    public void onError(WsSession socket, Throwable error) {
        end("failed: " + error.getClass().getSimpleName(), WebSocketMeters.NO_CLOSE_CODE);
    }

    boolean socketConnected() {
        HelidonTransport current = transport;
        return current == null || current.connected();
    }

    /**
     * Ends the session once, whoever notices first (Helidon's callbacks or the reaper). {@code clientCode}
     * is the client's close code; the code the server closed with, if it did, is what counts.
     */
    void end(String how, int clientCode) {
        Session ended = session.getAndSet(null);
        if (ended == null) {
            return;
        }
        node.disconnect(ended);
        open.closed(this);
        int code = ended.serverCloseCode().map(CloseCode::code).orElse(clientCode);
        meters.closed(code);
        LOG.log(Level.INFO, "connection {0} conn={1} user={2} code={3}", how, ended.id(), ended.userId(),
                String.valueOf(code));
    }

    private void collectFragment(Session current, String text, boolean last) {
        if (discardingMessage) {
            discardingMessage = !last;
            return;
        }
        if (fragments == null) {
            fragments = new StringBuilder();
            fragmentBytes = 0;
        }
        fragmentBytes += Utf8.length(text);
        if (fragmentBytes > maxMessageBytes) {
            fragments = null;
            discardingMessage = !last;
            current.close(CloseCode.MESSAGE_TOO_BIG);
            return;
        }
        fragments.append(text);
        if (last) {
            String message = fragments.toString();
            fragments = null;
            messages.onText(current, message);
        }
    }
}
