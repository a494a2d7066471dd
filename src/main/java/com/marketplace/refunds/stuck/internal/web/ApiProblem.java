package com.marketplace.refunds.stuck.internal.web;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** The body of every API error: a code and what to do, plus the problems with the request if any. */
record ApiProblem(String error, String message, List<String> problems) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String json(String error, String message) {
        return JSON.writeValueAsString(new ApiProblem(error, message, List.of()));
    }
}
