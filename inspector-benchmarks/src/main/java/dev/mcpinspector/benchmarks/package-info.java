/** JMH benchmarks, the baselines they compare against, and the load driver. */
package dev.mcpinspector.benchmarks;
