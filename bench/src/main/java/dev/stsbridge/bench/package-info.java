/** JMH benchmarks. */
package dev.stsbridge.bench;
