<?php
// Just enough of the WordPress API to run the plugin under php-cli: what it registers is recorded, and each
// registered renderer is called with the attributes given on the command line. Prints JSON.
define('ABSPATH', __DIR__ . '/');
$GLOBALS['registered'] = array('shortcodes' => array(), 'actions' => array(), 'blocks' => array(), 'modules' => array());
function shortcode_atts($pairs, $atts) { return array_merge($pairs, array_intersect_key((array) $atts, $pairs)); }
function esc_html($text) { return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8'); }
function esc_attr($text) { return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8'); }
function esc_url($url) { return preg_match('#^(https?:)?/#', $url) ? htmlspecialchars($url, ENT_QUOTES, 'UTF-8') : ''; }
function plugins_url($path, $file) { return '/wp-content/plugins/' . basename(dirname($file)) . '/' . $path; }
function wp_enqueue_script_module($id, $src) { $GLOBALS['registered']['modules'][$id] = $src; }
function add_shortcode($tag, $callback) { $GLOBALS['registered']['shortcodes'][$tag] = $callback; }
function add_action($hook, $callback) { $GLOBALS['registered']['actions'][$hook][] = $callback; }
function register_block_type($path, $args) {
  $GLOBALS['registered']['blocks'][json_decode(file_get_contents($path), true)['name']] = $args['render_callback'];
}
require $argv[1];
foreach ($GLOBALS['registered']['actions']['init'] ?? array() as $init) { $init(); }
$atts = json_decode($argv[2], true);
echo json_encode(array(
  'shortcode' => call_user_func($GLOBALS['registered']['shortcodes']['beian_badge'], $atts),
  'block' => call_user_func($GLOBALS['registered']['blocks']['beian-elements/footer'], $atts),
  'modules' => $GLOBALS['registered']['modules'],
), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
