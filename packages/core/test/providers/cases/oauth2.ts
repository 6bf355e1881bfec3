import FortyTwo from '../../../src/providers/42-school.js'
import Atlassian from '../../../src/providers/atlassian.js'
import Box from '../../../src/providers/box.js'
import Coinbase from '../../../src/providers/coinbase.js'
import Concept2 from '../../../src/providers/concept2.js'
import Dribbble from '../../../src/providers/dribbble.js'
import Eventbrite from '../../../src/providers/eventbrite.js'
import EVEOnline from '../../../src/providers/eveonline.js'
import FACEIT from '../../../src/providers/faceit.js'
import Figma from '../../../src/providers/figma.js'
import Freshbooks from '../../../src/providers/freshbooks.js'
import Instagram from '../../../src/providers/instagram.js'
import Kakao from '../../../src/providers/kakao.js'
import Medium from '../../../src/providers/medium.js'
import Naver from '../../../src/providers/naver.js'
import Netlify from '../../../src/providers/netlify.js'
import Osu from '../../../src/providers/osu.js'
import Patreon from '../../../src/providers/patreon.js'
import Pinterest from '../../../src/providers/pinterest.js'
import Pipedrive from '../../../src/providers/pipedrive.js'
import Reddit from '../../../src/providers/reddit.js'
import Strava from '../../../src/providers/strava.js'
import Threads from '../../../src/providers/threads.js'
import Wikimedia from '../../../src/providers/wikimedia.js'
import WordPress from '../../../src/providers/wordpress.js'
import Zoom from '../../../src/providers/zoom.js'
import type { ProviderCase } from './types.js'

/** Plain OAuth 2.0 providers: each profile is a trimmed copy of the sample in the provider's API reference. */
export const oauth2Cases: ProviderCase[] = [
  {
    name: '42-school',
    create: FortyTwo,
    profile: { id: 2, email: 'andre@42.fr', login: 'andre', displayname: 'Andre Aubin', usual_full_name: 'Andre Aubin', image: { link: 'https://cdn.intra.42.fr/users/andre.jpg' }, staff: false },
    user: { id: '2', name: 'Andre Aubin', email: 'andre@42.fr', image: 'https://cdn.intra.42.fr/users/andre.jpg', emailVerified: false },
    authorization: 'https://api.intra.42.fr/oauth/authorize',
    token: 'https://api.intra.42.fr/oauth/token',
    userinfo: 'https://api.intra.42.fr/v2/me',
    scope: 'public',
  },
  {
    name: 'atlassian',
    create: Atlassian,
    profile: { account_type: 'atlassian', account_id: '112233aa-bb11-cc22-33dd-445566abcabc', email: 'mia@example.com', email_verified: true, name: 'Mia Krystof', picture: 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233aa/1234abcd.png', account_status: 'active', nickname: 'mkrystof' },
    user: { id: '112233aa-bb11-cc22-33dd-445566abcabc', name: 'Mia Krystof', email: 'mia@example.com', image: 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/112233aa/1234abcd.png', emailVerified: true },
    authorization: 'https://auth.atlassian.com/authorize',
    token: 'https://auth.atlassian.com/oauth/token',
    userinfo: 'https://api.atlassian.com/me',
    scope: 'read:me',
    clientAuth: 'post',
  },
  {
    name: 'box',
    create: Box,
    profile: { id: '11446498', type: 'user', name: 'Aaron Levie', login: 'ceo@example.com', avatar_url: 'https://www.box.com/api/avatar/large/181216415' },
    user: { id: '11446498', name: 'Aaron Levie', email: 'ceo@example.com', image: 'https://www.box.com/api/avatar/large/181216415', emailVerified: false },
    authorization: 'https://account.box.com/api/oauth2/authorize',
    token: 'https://api.box.com/oauth2/token',
    userinfo: 'https://api.box.com/2.0/users/me',
    clientAuth: 'post',
  },
  {
    name: 'coinbase',
    create: Coinbase,
    profile: { data: { id: '9da7a204-544e-5fd1-9a12-61176c5d4cd8', name: 'User One', username: 'user1', avatar_url: 'https://images.coinbase.com/avatar?h=vR%2FY8igBoPwuwGren5JMwvDNGpURAY%2F0nRIOgH%2FY2Qh%2BQ6nomR3qusA%2Bh6o2%0Af9rH&s=128', email: 'user1@example.com' } },
    user: { id: '9da7a204-544e-5fd1-9a12-61176c5d4cd8', name: 'User One', email: 'user1@example.com', image: 'https://images.coinbase.com/avatar?h=vR%2FY8igBoPwuwGren5JMwvDNGpURAY%2F0nRIOgH%2FY2Qh%2BQ6nomR3qusA%2Bh6o2%0Af9rH&s=128', emailVerified: false },
    authorization: 'https://login.coinbase.com/oauth2/auth',
    token: 'https://login.coinbase.com/oauth2/token',
    userinfo: 'https://api.coinbase.com/v2/user',
  },
  {
    name: 'concept2',
    create: Concept2,
    profile: { data: { id: 1, username: 'David', first_name: 'David', last_name: 'Hart', gender: 'M', dob: '1960-01-01', email: 'david@example.com', country: 'USA', profile_image: 'https://log.concept2.com/profile/1.png' } },
    user: { id: '1', name: 'David Hart', email: 'david@example.com', image: 'https://log.concept2.com/profile/1.png', emailVerified: false },
    authorization: 'https://log.concept2.com/oauth/authorize',
    token: 'https://log.concept2.com/oauth/access_token',
    userinfo: 'https://log.concept2.com/api/users/me',
    clientAuth: 'post',
  },
  {
    name: 'dribbble',
    create: Dribbble,
    profile: { id: 1, name: 'Dan Cederholm', login: 'simplebits', html_url: 'https://dribbble.com/simplebits', avatar_url: 'https://cdn.dribbble.com/users/1/avatars/normal/dc.jpg?1371679243', bio: '' },
    user: { id: '1', name: 'Dan Cederholm', email: null, image: 'https://cdn.dribbble.com/users/1/avatars/normal/dc.jpg?1371679243', emailVerified: false },
    authorization: 'https://dribbble.com/oauth/authorize',
    scope: 'public',
    clientAuth: 'post',
  },
  {
    name: 'eventbrite',
    create: Eventbrite,
    profile: { id: '1234567890', name: 'Jane Doe', first_name: 'Jane', last_name: 'Doe', is_public: false, image_id: null, emails: [{ email: 'jane@example.com', verified: true, primary: true }] },
    user: { id: '1234567890', name: 'Jane Doe', email: 'jane@example.com', image: null, emailVerified: true },
    authorization: 'https://www.eventbrite.com/oauth/authorize',
    userinfo: 'https://www.eventbriteapi.com/v3/users/me/',
    clientAuth: 'post',
  },
  {
    name: 'eveonline',
    create: EVEOnline,
    profile: { CharacterID: 95465499, CharacterName: 'CCP Bartender', ExpiresOn: '2017-07-05T14:34:16.5857101', Scopes: 'publicData', TokenType: 'Character', CharacterOwnerHash: 'lots_of_letters_and_numbers', IntellectualProperty: 'EVE' },
    user: { id: '95465499', name: 'CCP Bartender', email: null, image: 'https://images.evetech.net/characters/95465499/portrait?size=128', emailVerified: false },
    authorization: 'https://login.eveonline.com/v2/oauth/authorize',
    token: 'https://login.eveonline.com/v2/oauth/token',
    scope: 'publicData',
  },
  {
    name: 'faceit',
    create: FACEIT,
    profile: { guid: '0f7d4e6f-8b1f-4d5e-9c2a-1a2b3c4d5e6f', nickname: 'ada', email: 'ada@example.com', picture: 'https://assets.faceit-cdn.net/avatars/ada.jpg', locale: 'en' },
    user: { id: '0f7d4e6f-8b1f-4d5e-9c2a-1a2b3c4d5e6f', name: 'ada', email: 'ada@example.com', image: 'https://assets.faceit-cdn.net/avatars/ada.jpg', emailVerified: false },
    authorization: 'https://accounts.faceit.com/accounts',
    userinfo: 'https://api.faceit.com/auth/v1/resources/userinfo',
  },
  {
    name: 'figma',
    create: Figma,
    profile: { id: '1234567890', email: 'ada@example.com', handle: 'Ada', img_url: 'https://s3-alpha.figma.com/profile/ada' },
    user: { id: '1234567890', name: 'Ada', email: 'ada@example.com', image: 'https://s3-alpha.figma.com/profile/ada', emailVerified: false },
    authorization: 'https://www.figma.com/oauth',
    token: 'https://api.figma.com/v1/oauth/token',
    userinfo: 'https://api.figma.com/v1/me',
  },
  {
    name: 'freshbooks',
    create: Freshbooks,
    profile: { response: { id: 2192788, identity_id: 2192788, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', confirmed_at: '2016-09-26T15:10:17Z' } },
    user: { id: '2192788', name: 'Ada Lovelace', email: 'ada@example.com', image: null, emailVerified: false },
    authorization: 'https://auth.freshbooks.com/oauth/authorize',
    clientAuth: 'post',
  },
  {
    name: 'instagram',
    create: Instagram,
    profile: { id: '17841405793187218', user_id: '17841405793187218', username: 'jayposiris', name: 'Jay Posiris', profile_picture_url: 'https://scontent.cdninstagram.com/jay.jpg' },
    user: { id: '17841405793187218', name: 'Jay Posiris', email: null, image: 'https://scontent.cdninstagram.com/jay.jpg', emailVerified: false },
    authorization: 'https://www.instagram.com/oauth/authorize',
    token: 'https://api.instagram.com/oauth/access_token',
    userinfo: 'https://graph.instagram.com/me',
    clientAuth: 'post',
  },
  {
    name: 'kakao',
    create: Kakao,
    profile: { id: 123456789, connected_at: '2022-04-11T01:45:28Z', kakao_account: { profile: { nickname: '홍길동', profile_image_url: 'http://yyy.kakao.com/dn/.../img_640x640.jpg' }, email: 'sample@sample.com', is_email_valid: true, is_email_verified: true } },
    user: { id: '123456789', name: '홍길동', email: 'sample@sample.com', image: 'http://yyy.kakao.com/dn/.../img_640x640.jpg', emailVerified: true },
    authorization: 'https://kauth.kakao.com/oauth/authorize',
    userinfo: 'https://kapi.kakao.com/v2/user/me',
    clientAuth: 'post',
  },
  {
    name: 'medium',
    create: Medium,
    profile: { data: { id: '5303d74c64f66366f00cb9b2a94f3251bf5', username: 'majelbstoat', name: 'Jamie Talbot', url: 'https://medium.com/@majelbstoat', imageUrl: 'https://images.medium.com/0*fkfQiTzT7TlUGGyI.png' } },
    user: { id: '5303d74c64f66366f00cb9b2a94f3251bf5', name: 'Jamie Talbot', email: null, image: 'https://images.medium.com/0*fkfQiTzT7TlUGGyI.png', emailVerified: false },
    token: 'https://api.medium.com/v1/tokens',
    clientAuth: 'post',
  },
  {
    name: 'naver',
    create: Naver,
    profile: { resultcode: '00', message: 'success', response: { id: '32742776', nickname: 'OPENAPI', email: 'openapi@naver.com', profile_image: 'https://ssl.pstatic.net/static/pwe/address/nodata_33x33.gif', name: '오픈 API' } },
    user: { id: '32742776', name: 'OPENAPI', email: 'openapi@naver.com', image: 'https://ssl.pstatic.net/static/pwe/address/nodata_33x33.gif', emailVerified: false },
    authorization: 'https://nid.naver.com/oauth2.0/authorize',
    userinfo: 'https://openapi.naver.com/v1/nid/me',
    clientAuth: 'post',
  },
  {
    name: 'netlify',
    create: Netlify,
    profile: { id: '5c7f1b0a', uid: null, full_name: 'Ada Lovelace', avatar_url: 'https://avatars.netlify.example/ada', email: 'ada@example.com' },
    user: { id: '5c7f1b0a', name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://avatars.netlify.example/ada', emailVerified: false },
    userinfo: 'https://api.netlify.com/api/v1/user',
  },
  {
    name: 'osu',
    create: Osu,
    profile: { id: 2, username: 'peppy', avatar_url: 'https://a.ppy.sh/2?1519081077.png', country_code: 'AU', is_active: true },
    user: { id: '2', name: 'peppy', email: null, image: 'https://a.ppy.sh/2?1519081077.png', emailVerified: false },
    userinfo: 'https://osu.ppy.sh/api/v2/me',
    scope: 'identify',
    clientAuth: 'post',
  },
  {
    name: 'patreon',
    create: Patreon,
    profile: { data: { id: '123', type: 'user', attributes: { email: 'ada@example.com', full_name: 'Ada Lovelace', image_url: 'https://c8.patreon.com/2/200/123', is_email_verified: true } }, links: { self: 'https://www.patreon.com/api/oauth2/v2/user/123' } },
    user: { id: '123', name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://c8.patreon.com/2/200/123', emailVerified: true },
    userinfo: 'https://www.patreon.com/api/oauth2/v2/identity',
    scope: 'identity identity[email]',
    clientAuth: 'post',
  },
  {
    name: 'pinterest',
    create: Pinterest,
    profile: { id: '549755885175', account_type: 'BUSINESS', profile_image: 'https://i.pinimg.com/280x280_RS/ada.jpg', website_url: 'https://example.com', username: 'ada' },
    user: { id: '549755885175', name: 'ada', email: null, image: 'https://i.pinimg.com/280x280_RS/ada.jpg', emailVerified: false },
    authorization: 'https://www.pinterest.com/oauth/',
    token: 'https://api.pinterest.com/v5/oauth/token',
  },
  {
    name: 'pipedrive',
    create: Pipedrive,
    profile: { success: true, data: { id: 123, name: 'Ada Lovelace', email: 'ada@example.com', icon_url: 'https://pipedrive.example/ada.png', activated: true, lang: 1 } },
    user: { id: '123', name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://pipedrive.example/ada.png', emailVerified: false },
    userinfo: 'https://api.pipedrive.com/v1/users/me',
  },
  {
    name: 'reddit',
    create: Reddit,
    profile: { id: 'abc12', name: 'spez', icon_img: 'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png?width=256&amp;height=256', has_verified_email: true, total_karma: 1 },
    user: { id: 'abc12', name: 'spez', email: null, image: 'https://styles.redditmedia.com/t5_3k30p/styles/profileIcon_snoo.png', emailVerified: false },
    token: 'https://www.reddit.com/api/v1/access_token',
    userinfo: 'https://oauth.reddit.com/api/v1/me',
  },
  {
    name: 'strava',
    create: Strava,
    profile: { id: 1234567890987654400, username: 'marianne_t', firstname: 'Marianne', lastname: 'Teutenberg', city: 'San Francisco', profile: 'https://xxxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/large.jpg' },
    user: { id: '1234567890987654400', name: 'Marianne Teutenberg', email: null, image: 'https://xxxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/large.jpg', emailVerified: false },
    userinfo: 'https://www.strava.com/api/v3/athlete',
    scope: 'read',
    clientAuth: 'post',
  },
  {
    name: 'threads',
    create: Threads,
    profile: { id: '1234567', username: 'threadsapitestuser', name: 'Threads API Test User', threads_profile_picture_url: 'https://scontent-sjc3-1.cdninstagram.com/link/to/profile/picture/on/threads/' },
    user: { id: '1234567', name: 'Threads API Test User', email: null, image: 'https://scontent-sjc3-1.cdninstagram.com/link/to/profile/picture/on/threads/', emailVerified: false },
    token: 'https://graph.threads.net/oauth/access_token',
    clientAuth: 'post',
  },
  {
    name: 'wikimedia',
    create: Wikimedia,
    profile: { sub: '12345', username: 'Ada', editcount: 10, confirmed_email: true, blocked: false, registered: '20200101000000', groups: ['*', 'user'], rights: ['read'], realname: 'Ada Lovelace', email: 'ada@example.com' },
    user: { id: '12345', name: 'Ada', email: 'ada@example.com', image: null, emailVerified: true },
    authorization: 'https://meta.wikimedia.org/w/rest.php/oauth2/authorize',
    clientAuth: 'post',
  },
  {
    name: 'wordpress',
    create: WordPress,
    profile: { ID: 12345678, display_name: 'Ada', username: 'ada', email: 'ada@example.com', primary_blog: 1, avatar_URL: 'https://0.gravatar.com/avatar/abc', profile_URL: 'https://gravatar.com/ada', email_verified: true },
    user: { id: '12345678', name: 'Ada', email: 'ada@example.com', image: 'https://0.gravatar.com/avatar/abc', emailVerified: true },
    userinfo: 'https://public-api.wordpress.com/rest/v1/me',
    scope: 'auth',
    clientAuth: 'post',
  },
  {
    name: 'zoom',
    create: Zoom,
    profile: { id: 'KDcuGIm1QgePTO8WbOqwIQ', first_name: 'Jill', last_name: 'Chill', display_name: 'Jill Chill', email: 'jchill@example.com', type: 1, pic_url: 'https://example.com/photo.jpg', verified: 1 },
    user: { id: 'KDcuGIm1QgePTO8WbOqwIQ', name: 'Jill Chill', email: 'jchill@example.com', image: 'https://example.com/photo.jpg', emailVerified: false },
    token: 'https://zoom.us/oauth/token',
    userinfo: 'https://api.zoom.us/v2/users/me',
  },
]
