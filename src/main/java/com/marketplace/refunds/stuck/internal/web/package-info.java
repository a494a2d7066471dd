/**
 * The support site's insides: its Spring Boot configuration, the read-only pool and the check of its
 * role, security, the pages, the CSV download and the JSON API. Only {@code stuck.SupportSite} starts it.
 */
package com.marketplace.refunds.stuck.internal.web;
