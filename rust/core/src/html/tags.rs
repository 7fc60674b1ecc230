//! Tag names, interned: every name the tree builder or the extractor treats
//! by name is a [`Tag`]; any other is [`Tag::Other`] and keeps its name.

macro_rules! tags {
    ($($variant:ident = $name:literal,)*) => {
        /// A tag name the parser or the extractor knows (lower case).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Tag {
            $($variant,)*
            /// Any other name: compare the element's name instead.
            Other,
        }

        impl Tag {
            /// How many tags there are, [`Tag::Other`] included.
            pub const COUNT: usize = [$(Tag::$variant,)*].len() + 1;

            /// The tag of a lower-case name.
            fn from_lower(name: &[u8]) -> Tag {
                match name {
                    $($name => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }

            /// The lower-case name, `""` for [`Tag::Other`].
            pub fn name(self) -> &'static str {
                match self {
                    $(Tag::$variant => std::str::from_utf8($name).unwrap_or_default(),)*
                    Tag::Other => "",
                }
            }
        }
    };
}

tags! {
    A = b"a", Address = b"address", AnnotationXml = b"annotation-xml", Applet = b"applet", Area = b"area",
    Article = b"article", Aside = b"aside", Audio = b"audio", B = b"b", Base = b"base", Basefont = b"basefont",
    Bgsound = b"bgsound", Big = b"big", Blockquote = b"blockquote", Body = b"body", Br = b"br", Button = b"button",
    Canvas = b"canvas", Caption = b"caption", Center = b"center", Code = b"code", Col = b"col",
    Colgroup = b"colgroup", Datalist = b"datalist", Dd = b"dd", Desc = b"desc", Details = b"details",
    Dialog = b"dialog", Dir = b"dir", Div = b"div", Dl = b"dl", Dt = b"dt", Em = b"em", Embed = b"embed",
    Fieldset = b"fieldset", Figcaption = b"figcaption", Figure = b"figure", Font = b"font",
    Footer = b"footer", ForeignObject = b"foreignobject", Form = b"form", Frame = b"frame", Frameset = b"frameset",
    H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4", H5 = b"h5", H6 = b"h6", Head = b"head", Header = b"header",
    Hgroup = b"hgroup", Hr = b"hr", Html = b"html", I = b"i", Iframe = b"iframe", Image = b"image", Img = b"img",
    Input = b"input", Keygen = b"keygen", Label = b"label", Legend = b"legend", Li = b"li", Link = b"link",
    Listing = b"listing", Main = b"main", Malignmark = b"malignmark", Map = b"map", Marquee = b"marquee",
    Math = b"math", Menu = b"menu", Meta = b"meta", Mglyph = b"mglyph", Mi = b"mi", Mn = b"mn", Mo = b"mo",
    Ms = b"ms", Mtext = b"mtext", Nav = b"nav", Nobr = b"nobr", Noembed = b"noembed", Noframes = b"noframes",
    Noscript = b"noscript", Object = b"object", Ol = b"ol", Optgroup = b"optgroup", Option = b"option",
    P = b"p", Param = b"param", Picture = b"picture", Plaintext = b"plaintext", Pre = b"pre", Rb = b"rb",
    Rp = b"rp", Rt = b"rt", Rtc = b"rtc", Ruby = b"ruby", S = b"s", Script = b"script", Search = b"search",
    Section = b"section", Select = b"select", Small = b"small", Source = b"source", Span = b"span",
    Strike = b"strike", Strong = b"strong", Style = b"style", Sub = b"sub", Summary = b"summary", Sup = b"sup",
    Svg = b"svg", Table = b"table", Tbody = b"tbody", Td = b"td", Template = b"template", Textarea = b"textarea",
    Tfoot = b"tfoot", Th = b"th", Thead = b"thead", Time = b"time", Title = b"title", Tr = b"tr",
    Track = b"track", Tt = b"tt", U = b"u", Ul = b"ul", Var = b"var", Video = b"video", Wbr = b"wbr", Xmp = b"xmp",
}

/// The longest name in the table ("annotation-xml"): longer names are [`Tag::Other`].
const LONGEST: usize = 14;

impl Tag {
    /// The tag of a name in any case.
    pub fn of(name: &str) -> Tag {
        let bytes = name.as_bytes();
        if bytes.len() > LONGEST {
            return Tag::Other;
        }
        let mut lower = [0u8; LONGEST];
        for (dst, src) in lower.iter_mut().zip(bytes) {
            *dst = src.to_ascii_lowercase();
        }
        Tag::from_lower(&lower[..bytes.len()])
    }

    /// `h1` to `h6`: the level.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }

    /// Elements without content or end tag.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Basefont
                | Bgsound
                | Br
                | Col
                | Embed
                | Frame
                | Hr
                | Img
                | Input
                | Keygen
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
        )
    }
}

/// The namespace of an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ns {
    Html,
    Svg,
    MathMl,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in ["a", "annotation-xml", "foreignobject", "h6", "xmp", "search"] {
            assert_eq!(Tag::of(name).name(), name);
        }
        assert_eq!(Tag::of("DIV"), Tag::Div);
        assert_eq!(Tag::of("foreignObject"), Tag::ForeignObject);
        assert_eq!(Tag::of("my-element"), Tag::Other);
        assert_eq!(Tag::of("annotation-xml-long"), Tag::Other);
        const { assert!(Tag::COUNT > 130) };
    }
}
