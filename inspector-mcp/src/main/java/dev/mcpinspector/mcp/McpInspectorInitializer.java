package dev.mcpinspector.mcp;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.servlet.InspectorServlets;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in: a WAR that has {@code inspector-mcp} on its class path gets the MCP inspector at
 * {@code /api/*} without code. The container finds this initializer through {@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer}; it
 *
 * <ol>
 *   <li>reads the configuration from the context's init-parameters, falling back to the environment
 *       variables of the same names ({@code INSPECTOR_MODE}, ...): an init-parameter wins over the
 *       environment variable; the MCP client timeouts come from {@value
 *       McpClientConfig#CONNECT_TIMEOUT_KEY}, {@value McpClientConfig#REQUEST_TIMEOUT_KEY} and
 *       {@value McpClientConfig#CLOSE_TIMEOUT_KEY} the same way;
 *   <li>creates the inspector ({@link McpInspector#create}) and registers it ({@link
 *       McpInspector#register}), and stores it as the context attribute {@link #ATTRIBUTE};
 *   <li>closes it when the context is destroyed.
 * </ol>
 *
 * <p>A bad value fails the deployment with a message naming the option. Applications that register
 * the inspector themselves set the init-parameter (or environment variable) {@value #AUTO_REGISTER}
 * to {@code false}; this initializer then does nothing. It also does nothing (with a warning) when
 * an inspector is already registered on the context, which happens when the application's own
 * initializer runs first.
 */
public final class McpInspectorInitializer implements ServletContainerInitializer {

  /** The init-parameter (or environment variable) that turns the drop-in off when {@code false}. */
  public static final String AUTO_REGISTER = "INSPECTOR_AUTO_REGISTER";

  /** The context attribute holding the {@code Inspector<McpClientManager>} it created. */
  public static final String ATTRIBUTE = McpInspectorInitializer.class.getName() + ".inspector";

  private static final Logger log = LoggerFactory.getLogger(McpInspectorInitializer.class);

  private final Function<String, String> environment;

  /** The initializer the container instantiates: falls back to the process environment. */
  public McpInspectorInitializer() {
    this(System::getenv);
  }

  /**
   * An initializer with another fallback than the process environment (for tests and embedding).
   *
   * @param environment returns the value of a key when the context has no init-parameter of that
   *     name, or null
   */
  public McpInspectorInitializer(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Creates, registers and arranges to close the inspector, unless {@value #AUTO_REGISTER} is
   * {@code false}.
   *
   * @param classes unused (no {@code @HandlesTypes})
   * @param context the context being started
   * @throws ServletException when the configuration is bad (the message names the option) or the
   *     registration fails; the deployment then fails
   */
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    Function<String, String> source =
        key -> {
          String value = context.getInitParameter(key);
          return value != null ? value : environment.apply(key);
        };
    if (!autoRegister(source.apply(AUTO_REGISTER))) {
      log.info("{}=false: the MCP inspector is not registered automatically", AUTO_REGISTER);
      return;
    }
    if (context.getFilterRegistration(InspectorServlets.FRONT_DOOR_FILTER_NAME) != null) {
      // The application's own initializer ran first and registered an inspector.
      log.warn(
          "an inspector is already registered on this context; the drop-in does nothing (set {}"
              + "=false to say so)",
          AUTO_REGISTER);
      return;
    }
    Inspector<McpClientManager> inspector;
    try {
      inspector =
          McpInspector.builder(InspectorConfig.from(source))
              .clientConfig(McpClientConfig.from(source))
              .build();
    } catch (IllegalArgumentException e) {
      throw new ServletException("MCP inspector configuration is invalid: " + e.getMessage(), e);
    }
    try {
      McpInspector.register(context, inspector, List.of());
      context.addListener(new Closer(inspector));
      context.setAttribute(ATTRIBUTE, inspector);
    } catch (RuntimeException e) {
      inspector.close();
      throw new ServletException("MCP inspector could not be registered: " + e.getMessage(), e);
    }
    log.info(
        "MCP inspector registered at {}/api in {} mode",
        context.getContextPath(),
        inspector.mode().name().toLowerCase(Locale.ROOT));
  }

  private static boolean autoRegister(String value) throws ServletException {
    if (value == null || value.isBlank()) {
      return true;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw new ServletException(
        AUTO_REGISTER + " must be true or false, but was '" + value.trim() + "'");
  }

  /** Closes the inspector when the context goes away. */
  static final class Closer implements ServletContextListener {
    private final Inspector<McpClientManager> inspector;

    Closer(Inspector<McpClientManager> inspector) {
      this.inspector = inspector;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      event.getServletContext().removeAttribute(ATTRIBUTE);
      inspector.close();
    }
  }
}
