/**
 * Step 3 of the IdP flow, pre-flight: every outgoing set of AWS claims is checked against AWS's documented
 * rules (../shared/AWS-SAML.md §3) before anything is signed, because AWS itself only answers "Your request
 * included an invalid SAML response". Violations are values naming the user, the rule and the value.
 */
package dev.stsbridge.idp.rules;
