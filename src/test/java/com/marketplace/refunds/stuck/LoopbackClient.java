package com.marketplace.refunds.stuck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the support site that connects from a loopback address of its choosing (127.0.0.2,
 * 127.0.0.3, ...: Linux routes all of 127/8 to itself), so a test can play people at different
 * addresses. Plain HTTP/1.0 over a socket, as java.net.http cannot choose its source address; it keeps
 * its own cookies, so it can sign in on the form like a browser.
 */
public final class LoopbackClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("^([^=;\\s]+)=([^;]*)");

    /** One answer: its status, its headers (names in lower case) and its body. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
        }
    }

    private final String from;
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public LoopbackClient(String from, int port) {
        this.from = from;
        this.port = port;
    }

    public Answer get(String path, String... headerNamesAndValues) {
        return send("GET", path, null, headerNamesAndValues);
    }

    /** A request of the API with this credential as HTTP Basic. */
    public Answer api(String path, String name, String password) {
        return get(path, "Authorization", SupportHttp.basic(name, password));
    }

    /** Posts the sign-in form as a browser would (its CSRF token, its session cookie); the answer is the redirect. */
    public Answer signIn(String name, String password) {
        Matcher token = CSRF.matcher(get("/login").body());
        if (!token.find()) {
            throw new AssertionError("the sign-in form carries no CSRF token");
        }
        String form = "username=" + SupportHttp.encode(name) + "&password=" + SupportHttp.encode(password) + "&_csrf="
                + SupportHttp.encode(token.group(1));
        return send("POST", "/login", form, "Content-Type", "application/x-www-form-urlencoded");
    }

    /**
     * Sends the request and leaves the answer unread: for a client that reads slowly, or not at all. Its
     * receive window is small, so the server soon has to wait for it to read.
     */
    public Socket open(String path, String... headerNamesAndValues) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("GET", path, null, headerNamesAndValues).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return socket;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the rest of an answer from a socket {@link #open(String, String...)} gave. */
    public Answer read(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            return answer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(String method, String path, String body, String... headerNamesAndValues) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, body, headerNamesAndValues).getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            return answer(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String head(String method, String path, String body, String... headerNamesAndValues) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            head.append(headerNamesAndValues[i]).append(": ").append(headerNamesAndValues[i + 1]).append("\r\n");
        }
        if (!cookies.isEmpty()) {
            head.append("Cookie: ").append(String.join("; ", cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList())).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private Answer answer(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("not an HTTP answer: " + raw);
        }
        List<String> lines = raw.substring(0, end).lines().toList();
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            Matcher cookie = COOKIE.matcher(value);
            if (name.equals("set-cookie") && cookie.find()) {
                cookies.put(cookie.group(1), cookie.group(2));
            }
        }
        return new Answer(status, headers, raw.substring(end + 4));
    }
}
