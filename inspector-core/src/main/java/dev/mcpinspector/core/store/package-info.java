/**
 * The client manager store: one client manager per session, created lazily, pinned by leases,
 * expired by a background sweeper and closed on a bounded executor.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>Leases are only ever broken by the absolute lifetime, {@code invalidate} and {@code close}.
 *       Limits never break them: a new session that would need a leased session evicted (globally,
 *       or within its principal's {@code maxSessionsPerPrincipal}) is refused with {@link
 *       dev.mcpinspector.core.store.StoreFullException}, which names the limit.
 *   <li>The store never reads its ticker on acquire or release. Releases are stamped with the time
 *       of the latest sweep, and idle deadlines get one sweep interval of slack, so a session never
 *       expires early and at most about two sweep intervals late (default 1 s).
 *   <li>A sweep touches only the sessions whose recorded deadline came due; a used session is
 *       re-filed at its new deadline then, about once per idle timeout.
 *   <li>Removal listeners run on the removing thread, before the manager is closed; closes run on
 *       the store's pool and are abandoned after the dispose timeout (real time).
 *   <li>A factory exception reaches the caller as {@link
 *       dev.mcpinspector.core.store.ManagerCreationException}; a factory returning null as a {@link
 *       java.lang.NullPointerException} naming the factory class. Neither is cached.
 * </ul>
 */
package dev.mcpinspector.core.store;
