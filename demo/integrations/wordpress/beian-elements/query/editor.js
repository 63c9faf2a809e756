// The Filing lookup block in the editor: the form's settings in the inspector, its fallback as the server renders
// it (the form itself comes on the page). Plain JavaScript against WordPress's globals (no build step); the block
// itself is registered from block.json.
(function (wp) {
  var el = wp.element.createElement;
  var __ = wp.i18n.__;

  function choice(value, label) {
    return { value: value, label: label };
  }

  function Edit(props) {
    var a = props.attributes;
    var site = window.beianElementsSettings || { lookup: '' };
    function set(key) {
      return function (value) {
        var change = {};
        change[key] = value;
        props.setAttributes(change);
      };
    }
    function select(key, label, options) {
      return el(wp.components.SelectControl, {
        label: label,
        value: a[key],
        options: options,
        __nextHasNoMarginBottom: true,
        onChange: set(key),
      });
    }
    var gap = function () {
      return el('div', { style: { height: '16px' } });
    };
    return el(
      wp.element.Fragment,
      null,
      el(
        wp.blockEditor.InspectorControls,
        null,
        el(
          wp.components.PanelBody,
          { title: __('Query form', 'beian-elements') },
          el(wp.components.TextControl, {
            label: __('Lookup service (https://…/v1)', 'beian-elements'),
            type: 'url',
            value: a.lookup,
            placeholder: site.lookup,
            help: site.lookup
              ? __('Empty: the one from Settings → Filing numbers.', 'beian-elements')
              : __('Empty: the one from Settings → Filing numbers (not set yet: the form cannot search).', 'beian-elements'),
            __nextHasNoMarginBottom: true,
            onChange: set('lookup'),
          }),
          gap(),
          select('lang', __('Language (lang)', 'beian-elements'), [
            choice('', __('The page’s language', 'beian-elements')),
            choice('zh-CN', '简体中文 (zh-CN)'),
            choice('zh-TW', '繁體中文 (zh-TW)'),
            choice('en', 'English (en)'),
          ]),
          gap(),
          select('mode', __('Searches first (mode)', 'beian-elements'), [
            choice('', __('Default: ICP 备案', 'beian-elements')),
            choice('icp', 'ICP 备案 (icp)'),
            choice('psb', '公安备案 (psb)'),
          ]),
          gap(),
          select('type', __('ICP record type (type)', 'beian-elements'), [
            choice('', __('Default: 网站', 'beian-elements')),
            choice('web', '网站 (web)'),
            choice('app', 'App (app)'),
            choice('miniapp', '小程序 (miniapp)'),
            choice('quickapp', '快应用 (quickapp)'),
          ]),
          gap(),
          el(wp.components.ToggleControl, {
            label: __('Keep the search in the page address (url-state)', 'beian-elements'),
            help: __('A result can be shared as a link, and the link runs its search.', 'beian-elements'),
            checked: !!a.urlState,
            __nextHasNoMarginBottom: true,
            onChange: set('urlState'),
          })
        )
      ),
      el(
        'div',
        wp.blockEditor.useBlockProps(),
        el(wp.components.Disabled, null,
          el(wp.serverSideRender, { block: 'beian-elements/query', attributes: a }))
      )
    );
  }

  wp.blocks.registerBlockType('beian-elements/query', {
    edit: Edit,
    save: function () {
      return null;
    },
  });
})(window.wp);
