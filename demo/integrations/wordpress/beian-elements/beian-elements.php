<?php
/**
 * Plugin Name:       beian-elements
 * Description:       The compliant filing footer for Chinese websites (ICP 备案, 公安备案): plain links to the official systems, upgraded by the beian-badge element. A settings page, a Filing footer block, a [beian_badge] shortcode and an optional footer on every page.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            beian-elements
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       beian-elements
 *
 * Copy dist/cdn/beian-badge.js and dist/cdn/police.svg of the beian-elements npm package to this folder's assets/
 * (self-hosted: no foreign CDN). The printed links work without JavaScript; the element validates the numbers and
 * upgrades them.
 */

if (!defined('ABSPATH')) {
	exit;
}

define('BEIAN_ELEMENTS_VERSION', '0.1.0');

/**
 * The site's numbers and whether the footer goes on every page. Until the settings are saved, the ICP number is
 * the one WordPress's Chinese edition keeps (General Settings, option zh_cn_l10n_icp_num), and the footer is on.
 *
 * @return array{icp: string, psb: string, footer: bool}
 */
function beian_elements_settings() {
	$saved = get_option('beian_elements');
	if (!is_array($saved)) {
		$icp = get_option('zh_cn_l10n_icp_num', '');
		return array('icp' => is_string($icp) ? sanitize_text_field($icp) : '', 'psb' => '', 'footer' => true);
	}
	return array(
		'icp' => isset($saved['icp']) ? (string) $saved['icp'] : '',
		'psb' => isset($saved['psb']) ? (string) $saved['psb'] : '',
		'footer' => !isset($saved['footer']) || (bool) $saved['footer'],
	);
}

/** One number as typed: plain text on one line, at most 100 characters (validation is the element's job). */
function beian_elements_clean_number($value) {
	if (!is_scalar($value)) {
		return '';
	}
	$value = trim(sanitize_text_field((string) $value));
	return function_exists('mb_substr') ? mb_substr($value, 0, 100) : substr($value, 0, 100);
}

/** The settings form's values, as stored. */
function beian_elements_sanitize($input) {
	$input = is_array($input) ? $input : array();
	return array(
		'icp' => beian_elements_clean_number(isset($input['icp']) ? $input['icp'] : ''),
		'psb' => beian_elements_clean_number(isset($input['psb']) ? $input['psb'] : ''),
		'footer' => !empty($input['footer']),
	);
}

/**
 * The footer's HTML: every value escaped, links only to the official hosts, '' when there is no number. The 公安
 * record link is made only for a number of the right shape (the full validation lives in the element).
 */
function beian_elements_footer_html($icp, $psb) {
	$icp = trim((string) $icp);
	$psb = trim((string) $psb);
	if ($icp === '' && $psb === '') {
		return '';
	}
	$links = array();
	$attrs = '';
	if ($icp !== '') {
		$links[] = '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">' . esc_html($icp) . '</a>';
		$attrs .= ' icp="' . esc_attr($icp) . '"';
	}
	if ($psb !== '') {
		// The record link only for a whole 公安 number, never a code picked out of other text.
		$href = preg_match('/^\p{Han}?公网安备 ?(\d{14}) ?号?$/u', $psb, $m)
			? 'https://beian.mps.gov.cn/#/query/webSearch?code=' . $m[1]
			: 'https://beian.mps.gov.cn/';
		$icon = '<img src="' . esc_url(plugins_url('assets/police.svg', __FILE__)) . '" alt="" width="16" height="16">';
		$links[] = '<a href="' . esc_url($href) . '" target="_blank" rel="noopener noreferrer">' . $icon . esc_html($psb) . '</a>';
		$attrs .= ' psb="' . esc_attr($psb) . '"';
	}
	beian_elements_enqueue();
	return '<beian-badge' . $attrs . '>' . implode(' ', $links) . '</beian-badge>';
}

/** The numbers given, or the site's settings when none is given. */
function beian_elements_numbers($icp, $psb) {
	$icp = is_scalar($icp) ? trim((string) $icp) : '';
	$psb = is_scalar($psb) ? trim((string) $psb) : '';
	if ($icp === '' && $psb === '') {
		$settings = beian_elements_settings();
		return array($settings['icp'], $settings['psb']);
	}
	return array($icp, $psb);
}

/**
 * Loads the element, once per page: a script module where WordPress has them (6.5+), else a classic footer script
 * printed as type="module". Skipped when assets/beian-badge.js is missing (the plain links still work).
 */
function beian_elements_enqueue() {
	$file = __DIR__ . '/assets/beian-badge.js';
	if (!file_exists($file)) {
		return;
	}
	$src = plugins_url('assets/beian-badge.js', __FILE__);
	$version = BEIAN_ELEMENTS_VERSION . '-' . filemtime($file);
	if (function_exists('wp_enqueue_script_module')) {
		wp_enqueue_script_module('beian-elements-badge', $src, array(), $version);
	} else {
		wp_enqueue_script('beian-elements-badge', $src, array(), $version, true);
	}
}

/** Before 6.5: the classic script tag of our handle becomes a module script. */
add_filter('script_loader_tag', function ($tag, $handle, $src) {
	if ($handle !== 'beian-elements-badge') {
		return $tag;
	}
	return '<script type="module" src="' . esc_url($src) . '" id="beian-elements-badge-js"></script>' . "\n";
}, 10, 3);

/** [beian_badge icp="…" psb="…"]; with no numbers, the site's settings. */
function beian_elements_shortcode($atts) {
	$atts = shortcode_atts(array('icp' => '', 'psb' => ''), $atts, 'beian_badge');
	list($icp, $psb) = beian_elements_numbers($atts['icp'], $atts['psb']);
	return beian_elements_footer_html($icp, $psb);
}
add_shortcode('beian_badge', 'beian_elements_shortcode');

/** The Filing footer block, rendered on the server; with no numbers, the site's settings. */
function beian_elements_render_block($attributes) {
	list($icp, $psb) = beian_elements_numbers(
		isset($attributes['icp']) ? $attributes['icp'] : '',
		isset($attributes['psb']) ? $attributes['psb'] : ''
	);
	$html = beian_elements_footer_html($icp, $psb);
	return $html === '' ? '' : '<div ' . get_block_wrapper_attributes() . '>' . $html . '</div>';
}

add_action('init', function () {
	register_block_type(__DIR__ . '/block.json', array('render_callback' => 'beian_elements_render_block'));
});

/** The editor's fields show the site's numbers as what an empty block prints. */
add_action('enqueue_block_editor_assets', function () {
	$type = WP_Block_Type_Registry::get_instance()->get_registered('beian-elements/footer');
	if (!$type || empty($type->editor_script_handles)) {
		return;
	}
	$settings = beian_elements_settings();
	$data = array('icp' => $settings['icp'], 'psb' => $settings['psb']);
	wp_add_inline_script($type->editor_script_handles[0], 'window.beianElementsSettings = ' . wp_json_encode($data) . ';', 'before');
});

/** The footer on every page (wp_footer): no theme edit. Early, so the element's script is enqueued in time. */
add_action('wp_enqueue_scripts', function () {
	$settings = beian_elements_settings();
	if (!$settings['footer'] || ($settings['icp'] === '' && $settings['psb'] === '')) {
		return;
	}
	beian_elements_enqueue();
	wp_register_style('beian-elements-footer', false, array(), BEIAN_ELEMENTS_VERSION);
	wp_enqueue_style('beian-elements-footer');
	// Its own row after the theme's page, centred; above anything the theme lets overflow into it.
	wp_add_inline_style('beian-elements-footer', '.beian-elements-footer{clear:both;position:relative;z-index:1;box-sizing:border-box;width:100%;margin:0;padding:1em;text-align:center;font-size:14px;line-height:1.6}');
});

add_action('wp_footer', function () {
	$settings = beian_elements_settings();
	if (!$settings['footer']) {
		return;
	}
	$html = beian_elements_footer_html($settings['icp'], $settings['psb']);
	if ($html !== '') {
		echo '<div class="beian-elements-footer">' . $html . '</div>' . "\n"; // phpcs:ignore -- built from escaped parts
	}
}, 5);

/** Settings → Filing numbers. */
add_action('admin_init', function () {
	register_setting('beian_elements', 'beian_elements', array(
		'type' => 'array',
		'sanitize_callback' => 'beian_elements_sanitize',
		'show_in_rest' => false,
	));
	add_settings_section('beian_elements_numbers', '', '__return_false', 'beian-elements');
	$field = function ($args) {
		$settings = beian_elements_settings();
		printf(
			'<input type="text" class="regular-text" id="%1$s" name="beian_elements[%2$s]" value="%3$s" placeholder="%4$s"><p class="description">%5$s</p>',
			esc_attr($args['label_for']),
			esc_attr($args['key']),
			esc_attr($settings[$args['key']]),
			esc_attr($args['example']),
			esc_html($args['help'])
		);
	};
	add_settings_field('icp', __('ICP number (ICP备案号)', 'beian-elements'), $field, 'beian-elements', 'beian_elements_numbers', array(
		'label_for' => 'beian-elements-icp',
		'key' => 'icp',
		'example' => '京ICP备2026002630号-1',
		'help' => __('The site number filed for this domain; linked to https://beian.miit.gov.cn/.', 'beian-elements'),
	));
	add_settings_field('psb', __('公安 number (公安备案号)', 'beian-elements'), $field, 'beian-elements', 'beian_elements_numbers', array(
		'label_for' => 'beian-elements-psb',
		'key' => 'psb',
		'example' => '京公网安备11010602202215号',
		'help' => __('Once filed with the public-security platform; linked to its record on https://beian.mps.gov.cn/.', 'beian-elements'),
	));
	add_settings_field('footer', __('Every page', 'beian-elements'), function () {
		$settings = beian_elements_settings();
		printf(
			'<label for="beian-elements-footer"><input type="checkbox" id="beian-elements-footer" name="beian_elements[footer]" value="1"%1$s> %2$s</label><p class="description">%3$s</p>',
			checked($settings['footer'], true, false),
			esc_html__('Show the footer at the bottom of every page', 'beian-elements'),
			esc_html__('Printed by the theme’s wp_footer hook, with no theme edit. Untick it when your theme prints the numbers already, or when you place the Filing footer block or the [beian_badge] shortcode yourself.', 'beian-elements')
		);
	}, 'beian-elements', 'beian_elements_numbers');
});

add_action('admin_menu', function () {
	add_options_page(
		__('Filing numbers (备案信息)', 'beian-elements'),
		__('Filing numbers', 'beian-elements'),
		'manage_options',
		'beian-elements',
		'beian_elements_settings_page'
	);
});

function beian_elements_settings_page() {
	if (!current_user_can('manage_options')) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html(get_admin_page_title()) . '</h1>';
	if (!file_exists(__DIR__ . '/assets/beian-badge.js')) {
		echo '<div class="notice notice-warning inline"><p>' . esc_html__('assets/beian-badge.js is missing: copy dist/cdn/beian-badge.js and dist/cdn/police.svg of the beian-elements package into the plugin’s assets folder. The plain links work without it.', 'beian-elements') . '</p></div>';
	}
	echo '<p>' . esc_html__('The numbers shown by the footer on every page, and by the Filing footer block and the [beian_badge] shortcode when they are given none.', 'beian-elements') . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields('beian_elements');
	do_settings_sections('beian-elements');
	submit_button();
	echo '</form></div>';
}

add_filter('plugin_action_links_' . plugin_basename(__FILE__), function ($links) {
	$url = admin_url('options-general.php?page=beian-elements');
	array_unshift($links, '<a href="' . esc_url($url) . '">' . esc_html__('Settings', 'beian-elements') . '</a>');
	return $links;
});
