<?php
/**
 * Plugin Name:       beian-elements
 * Description:       The compliant filing footer for Chinese websites (ICP 备案, 公安备案): plain links to the official systems, upgraded by the beian-badge element. A settings page, a Filing footer block, a [beian_badge] shortcode and an optional footer on every page; a Filing lookup block and a [beian_query] shortcode for a public 备案 search form.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            beian-elements
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       beian-elements
 *
 * Copy dist/cdn/beian-badge.js, dist/cdn/police.svg and (for the query form) dist/cdn/beian-query.js of the
 * beian-elements npm package to this folder's assets/ (self-hosted: no foreign CDN). The printed links work without
 * JavaScript; the elements validate the numbers and upgrade them, and put the search form in place of its links.
 */

if (!defined('ABSPATH')) {
	exit;
}

define('BEIAN_ELEMENTS_VERSION', '0.1.0');

/**
 * The site's numbers, whether the footer goes on every page, and the query form's lookup service. Until the
 * settings are saved, the ICP number is the one WordPress's Chinese edition keeps (General Settings, option
 * zh_cn_l10n_icp_num), the footer is on, and there is no lookup service.
 *
 * @return array{icp: string, psb: string, footer: bool, lookup: string}
 */
function beian_elements_settings() {
	$saved = get_option('beian_elements');
	if (!is_array($saved)) {
		$icp = get_option('zh_cn_l10n_icp_num', '');
		return array('icp' => is_string($icp) ? sanitize_text_field($icp) : '', 'psb' => '', 'footer' => true, 'lookup' => '');
	}
	return array(
		'icp' => isset($saved['icp']) ? (string) $saved['icp'] : '',
		'psb' => isset($saved['psb']) ? (string) $saved['psb'] : '',
		'footer' => !isset($saved['footer']) || (bool) $saved['footer'],
		'lookup' => isset($saved['lookup']) ? (string) $saved['lookup'] : '',
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

/**
 * A lookup service's address: an absolute http:// or https:// URL (`https://…/v1`), as esc_url_raw keeps it; ''
 * for none; null when it is not one.
 */
function beian_elements_clean_lookup($value) {
	if (!is_scalar($value)) {
		return null;
	}
	$value = trim((string) $value);
	if ($value === '') {
		return '';
	}
	$url = preg_match('#^https?://#i', $value) ? esc_url_raw($value, array('http', 'https')) : '';
	return $url !== '' && wp_parse_url($url, PHP_URL_HOST) ? $url : null;
}

/** The settings form's values, as stored. A lookup service that is not an http(s) URL is refused: the saved one stays. */
function beian_elements_sanitize($input) {
	$input = is_array($input) ? $input : array();
	$lookup = beian_elements_clean_lookup(isset($input['lookup']) ? $input['lookup'] : '');
	if ($lookup === null) {
		$lookup = beian_elements_settings()['lookup'];
		// (WordPress sanitizes twice when it first adds the option: one message.)
		if (!in_array('beian-elements-lookup', wp_list_pluck(get_settings_errors('beian_elements'), 'code'), true)) {
			add_settings_error('beian_elements', 'beian-elements-lookup', __('The lookup service must be an absolute http:// or https:// address, such as https://beian.example.com/v1. The previous one is kept.', 'beian-elements'));
		}
	}
	return array(
		'icp' => beian_elements_clean_number(isset($input['icp']) ? $input['icp'] : ''),
		'psb' => beian_elements_clean_number(isset($input['psb']) ? $input['psb'] : ''),
		'footer' => !empty($input['footer']),
		'lookup' => $lookup,
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

/**
 * The query form's HTML, as renderQueryHTML() of the package prints it: <beian-query> with the settings given
 * (each only when set, every value escaped) around links to the official query sites, which is what visitors
 * without JavaScript see, in the form's language (its lang, else the site's, as the element reads the page's).
 * Values the element does not know are left out; a lookup that is not an http(s) URL gives the settings' one.
 *
 * @param array{lookup?: string, lang?: string, mode?: string, type?: string, url_state?: bool} $options
 */
function beian_elements_query_html($options) {
	$value = function ($key) use ($options) {
		return isset($options[$key]) && is_scalar($options[$key]) ? trim((string) $options[$key]) : '';
	};
	$lookup = beian_elements_clean_lookup($value('lookup'));
	if (!$lookup) {
		$lookup = beian_elements_settings()['lookup'];
	}
	$lang = preg_match('/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i', $value('lang')) ? $value('lang') : '';
	$mode = in_array($value('mode'), array('icp', 'psb'), true) ? $value('mode') : '';
	$type = in_array($value('type'), array('web', 'app', 'miniapp', 'quickapp'), true) ? $value('type') : '';

	$attrs = '';
	foreach (array('lookup' => $lookup === '' ? '' : esc_url($lookup), 'lang' => $lang, 'mode' => $mode, 'type' => $type) as $name => $set) {
		if ($set !== '') {
			$attrs .= ' ' . $name . '="' . esc_attr($set) . '"';
		}
	}
	if (!empty($options['url_state'])) {
		$attrs .= ' url-state';
	}

	// The words of core/lang.ts's rule: en…, zh-TW/HK/MO/Hant…, else zh-CN.
	$tag = strtolower($lang !== '' ? $lang : (string) get_bloginfo('language'));
	$words = strpos($tag, 'en') === 0
		? array('Search the official registries: ', 'ICP filings (MIIT)', 'public-security filings (MPS)')
		: (preg_match('/^zh-(tw|hk|mo|hant)/', $tag)
			? array('在官方網站查詢備案：', 'ICP 備案（工業和信息化部）', '公安聯網備案（公安部）')
			: array('在官方网站查询备案：', 'ICP 备案（工业和信息化部）', '公安联网备案（公安部）'));
	$link = function ($href, $text) {
		return '<a href="' . esc_url($href) . '" target="_blank" rel="noopener noreferrer">' . esc_html($text) . '</a>';
	};
	beian_elements_enqueue_query();
	return '<beian-query' . $attrs . '><p>' . esc_html($words[0])
		. $link('https://beian.miit.gov.cn/#/Integrated/recordQuery', $words[1]) . ' · '
		. $link('https://beian.mps.gov.cn/#/query/webSearch', $words[2]) . '</p></beian-query>';
}

/**
 * Loads the query form's element (a classic script: an IIFE that defines <beian-query>), once per page and only on
 * pages with the block or the shortcode: in the footer, deferred. Skipped when assets/beian-query.js is missing
 * (the links to the official query sites still show). No `strategy` argument: from 6.3 it prints a
 * data-wp-strategy attribute, and the script reads its own data- attributes as the settings of a form to add.
 */
function beian_elements_enqueue_query() {
	$file = __DIR__ . '/assets/beian-query.js';
	if (!file_exists($file)) {
		return;
	}
	wp_enqueue_script('beian-elements-query', plugins_url('assets/beian-query.js', __FILE__), array(), BEIAN_ELEMENTS_VERSION . '-' . filemtime($file), true);
}

add_filter('script_loader_tag', function ($tag, $handle) {
	if ($handle !== 'beian-elements-query' || preg_match('/<script[^>]*\sdefer[\s>=]/', $tag)) {
		return $tag;
	}
	return preg_replace('/<script(?=[^>]*\ssrc=)/', '<script defer', $tag, 1);
}, 10, 2);

/**
 * [beian_query lookup="https://…/v1" lang="zh-CN|zh-TW|en" mode="icp|psb" type="web|app|miniapp|quickapp" url_state];
 * with no lookup, the settings' one.
 */
function beian_elements_query_shortcode($atts) {
	$atts = is_array($atts) ? $atts : array();
	// url_state as a bare word ([beian_query url_state]) or with a value (url_state="1"; "0", "false", "no" are off);
	// url-state, the element's spelling, as well.
	$flag = false;
	foreach ($atts as $key => $word) {
		$flag = $flag || (is_int($key) && in_array(strtolower((string) $word), array('url_state', 'url-state'), true));
	}
	if (isset($atts['url-state']) && !isset($atts['url_state'])) {
		$atts['url_state'] = $atts['url-state'];
	}
	$given = shortcode_atts(array('lookup' => '', 'lang' => '', 'mode' => '', 'type' => '', 'url_state' => ''), $atts, 'beian_query');
	$value = strtolower(trim((string) $given['url_state']));
	$given['url_state'] = $flag || !in_array($value, array('', '0', 'false', 'no', 'off'), true);
	return beian_elements_query_html($given);
}
add_shortcode('beian_query', 'beian_elements_query_shortcode');

/** The Filing lookup block, rendered on the server. */
function beian_elements_render_query_block($attributes) {
	$get = function ($key) use ($attributes) {
		return isset($attributes[$key]) ? $attributes[$key] : '';
	};
	$html = beian_elements_query_html(array(
		'lookup' => $get('lookup'),
		'lang' => $get('lang'),
		'mode' => $get('mode'),
		'type' => $get('type'),
		'url_state' => !empty($attributes['urlState']),
	));
	return '<div ' . get_block_wrapper_attributes() . '>' . $html . '</div>';
}

add_action('init', function () {
	register_block_type(__DIR__ . '/block.json', array('render_callback' => 'beian_elements_render_block'));
	register_block_type(__DIR__ . '/query', array('render_callback' => 'beian_elements_render_query_block'));
});

/** The editors' fields show the site's settings as what an empty field prints. */
add_action('enqueue_block_editor_assets', function () {
	$settings = beian_elements_settings();
	$data = 'window.beianElementsSettings = ' . wp_json_encode(array('icp' => $settings['icp'], 'psb' => $settings['psb'], 'lookup' => $settings['lookup'])) . ';';
	foreach (array('beian-elements/footer', 'beian-elements/query') as $name) {
		$type = WP_Block_Type_Registry::get_instance()->get_registered($name);
		if ($type && !empty($type->editor_script_handles)) {
			wp_add_inline_script($type->editor_script_handles[0], $data, 'before');
		}
	}
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

	add_settings_section('beian_elements_query', __('Query form (备案查询)', 'beian-elements'), function () {
		echo '<p>' . esc_html__('The Filing lookup (备案查询) block and the [beian_query] shortcode put a public search form on a page: visitors type a domain, a company name or a filing number and see the ICP and 公安 records. Its results come from a lookup service, not from this site.', 'beian-elements') . '</p>';
	}, 'beian-elements');
	add_settings_field('lookup', __('Lookup service (https://…/v1)', 'beian-elements'), function () {
		$settings = beian_elements_settings();
		printf(
			'<input type="url" class="regular-text code" id="beian-elements-lookup" name="beian_elements[lookup]" value="%1$s" placeholder="https://beian.example.com/v1"><p class="description">%2$s</p>',
			esc_attr($settings['lookup']),
			esc_html__('The address of a beian-elements lookup server (it ends in /v1), searched by the query forms on this site; a block or shortcode with a lookup of its own uses that one. Visitors’ browsers call it directly, so it must answer this site (CORS). The footer never uses it. Empty: the forms show, but cannot search.', 'beian-elements')
		);
	}, 'beian-elements', 'beian_elements_query', array('label_for' => 'beian-elements-lookup'));
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
	if (!file_exists(__DIR__ . '/assets/beian-query.js')) {
		echo '<div class="notice notice-warning inline"><p>' . esc_html__('assets/beian-query.js is missing: copy dist/cdn/beian-query.js of the beian-elements package into the plugin’s assets folder for the query form. Without it, the form’s place shows links to the official query sites.', 'beian-elements') . '</p></div>';
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
