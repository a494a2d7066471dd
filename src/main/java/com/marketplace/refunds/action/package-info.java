/**
 * Actions on failed and stuck refunds, with four eyes (docs/actions.md): recording requests and
 * decisions through the database's own functions, which check who may do what, and the people's
 * accounts. The nightly run applies what was approved (refund's applyActionsStep).
 */
package com.marketplace.refunds.action;
