package dev.mcpinspector.servlet;

import dev.mcpinspector.servlet.front.WebSecurityFilter;
import dev.mcpinspector.servlet.routing.ApiRouter;
import dev.mcpinspector.servlet.routing.ApiServlet;
import dev.mcpinspector.servlet.routing.RouteTable;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the API servlet and filters and registers them on a {@link ServletContext}, all with async
 * support (SSE needs it on the servlet and on every filter in front of it). Call the register
 * methods while the context is being initialised (from a {@code ServletContainerInitializer} or a
 * declared {@code ServletContextListener}).
 */
public final class ServletRegistrations {

  /** The mapping of the API servlet. */
  public static final String API_MAPPING = "/api/*";

  private ServletRegistrations() {}

  /**
   * Creates the API servlet.
   *
   * @param router the routes
   * @param config body limit and SSE settings
   * @param scheduler the shared scheduler; runs SSE heartbeats and writes (short, non-blocking
   *     tasks); not shut down by the servlet
   * @return the servlet, for any mapping ending in {@code /*}
   */
  public static Servlet apiServlet(
      ApiRouter router, ApiConfig config, ScheduledExecutorService scheduler) {
    return new ApiServlet(
        (RouteTable) Objects.requireNonNull(router, "router"),
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(scheduler, "scheduler"));
  }

  /**
   * Creates the filter that adds security headers and answers CORS.
   *
   * @param config the CORS and framing settings
   * @return the filter
   */
  public static Filter webSecurityFilter(WebSecurityConfig config) {
    return new WebSecurityFilter(Objects.requireNonNull(config, "config"));
  }

  /**
   * Registers the API servlet at {@link #API_MAPPING}, async supported, loaded on start-up.
   *
   * @param context the context being initialised
   * @param name the servlet name, unique in the context
   * @param servlet the servlet from {@link #apiServlet}
   * @return the registration, e.g. to add more mappings
   * @throws IllegalStateException if the context is already initialised or the name is taken
   */
  public static ServletRegistration.Dynamic registerApi(
      ServletContext context, String name, Servlet servlet) {
    ServletRegistration.Dynamic reg = context.addServlet(name, servlet);
    if (reg == null) {
      throw new IllegalStateException(
          "a servlet named '" + name + "' is already registered in this context");
    }
    reg.setAsyncSupported(true);
    reg.setLoadOnStartup(1);
    reg.addMapping(API_MAPPING);
    return reg;
  }

  /**
   * Registers a filter for URL patterns, async supported, on {@code REQUEST} dispatches, after the
   * filters declared in {@code web.xml}.
   *
   * @param context the context being initialised
   * @param name the filter name, unique in the context
   * @param filter the filter
   * @param urlPatterns where it applies, e.g. {@code /api/*}
   * @return the registration
   * @throws IllegalStateException if the context is already initialised or the name is taken
   */
  public static FilterRegistration.Dynamic registerFilter(
      ServletContext context, String name, Filter filter, String... urlPatterns) {
    FilterRegistration.Dynamic reg = context.addFilter(name, filter);
    if (reg == null) {
      throw new IllegalStateException(
          "a filter named '" + name + "' is already registered in this context");
    }
    reg.setAsyncSupported(true);
    reg.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, urlPatterns);
    return reg;
  }
}
