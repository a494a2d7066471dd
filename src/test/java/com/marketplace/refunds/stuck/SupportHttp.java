package com.marketplace.refunds.stuck;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client of the support site as a browser is one: its own cookies, the sign-in form with its CSRF token. */
public final class SupportHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;

    public SupportHttp(int port) {
        this.port = port;
    }

    /** Posts the sign-in form as a person would; the answer is the redirect that follows. */
    public HttpResponse<String> signIn(String name, String password) {
        Matcher token = CSRF.matcher(get("/login").body());
        if (!token.find()) {
            throw new AssertionError("the sign-in form carries no CSRF token");
        }
        String form = "username=" + encode(name) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        return send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /**
     * Posts a form of the site as the browser would: with the CSRF token of the page {@code formPage}
     * (fetched first, as the person opens it) and the fields in their order (a name may repeat).
     */
    public HttpResponse<String> post(String path, String formPage, String... namesAndValues) {
        Matcher token = CSRF.matcher(get(formPage).body());
        if (!token.find()) {
            throw new AssertionError(formPage + " carries no CSRF token");
        }
        StringBuilder form = new StringBuilder("_csrf=" + encode(token.group(1)));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append('&').append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
        }
        return postWithoutToken(path, form.toString());
    }

    /** Posts an encoded form body as it is: no CSRF token unless the body carries one. */
    public HttpResponse<String> postWithoutToken(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    /** A request of the API with the support credential as HTTP Basic. */
    public HttpResponse<String> api(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic("support", SupportSiteFixture.PASSWORD))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
