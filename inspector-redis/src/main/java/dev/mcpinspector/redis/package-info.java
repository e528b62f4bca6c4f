/**
 * Storage shared by several nodes, in Redis ({@code INSPECTOR_STORAGE=redis}, {@code
 * INSPECTOR_REDIS_URL}), on the Lettuce client. {@link dev.mcpinspector.redis.RedisRecordStore}
 * keeps each (collection, owner) as one hash; multi-field changes run as Lua scripts, so each
 * operation is atomic and nothing is written half.
 */
package dev.mcpinspector.redis;
